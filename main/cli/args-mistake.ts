// node:util parseArgs' mistakes in Splits' words (its own advice about '--' fits no Splits command), for the CLI and
// the demo's command line alike.

export interface ArgsMistake {
  /** parseArgs' error code (ERR_PARSE_ARGS_…), or undefined for another error. */
  code: string | undefined;
  /** The option it is about, as typed ("--ful"), or '' when it names none. */
  option: string;
  /** What was wrong, one clause: `unknown option "--ful"`, `--port needs a value`, `--json takes no value`. */
  words: string;
}

export function argsMistake(error: Error & { code?: string }): ArgsMistake {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  const words =
    error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `unknown option "${option}"`
      : error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
        ? /argument missing/.test(error.message)
          ? `${option} needs a value`
          : `${option} takes no value`
        : error.message;
  return { code: error.code, option, words };
}
