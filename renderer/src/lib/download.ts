/**
 * Saving a file from the page: the page cannot write files, so it hands the text to the browser
 * (or Electron) as a download of a blob under the file's name.
 */
export function downloadFile(file: {
  readonly fileName: string;
  readonly mimeType: string;
  readonly content: string;
}): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
