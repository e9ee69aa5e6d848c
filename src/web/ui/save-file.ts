/** Hands a file made or fetched in the page to the browser's download, under `name`. */
export function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  // the download has started from the URL by now; revoking it at once can cancel it in some browsers
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
