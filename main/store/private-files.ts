// Personal data (activities, tokens, where a person trains) is its owner's alone: files 0600, folders 0700.
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;
