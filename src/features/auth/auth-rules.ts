/** Shared by the server's auth setup and the web forms (kept free of server imports). */
export const MIN_PASSWORD_LENGTH = 10;
