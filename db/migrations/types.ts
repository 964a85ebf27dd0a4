/** One numbered schema step. `version` is the `user_version` the database has after it. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** SQL run inside the runner's single transaction; a migration never opens its own. */
  readonly up: string;
}
