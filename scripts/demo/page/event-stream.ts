/// <reference lib="dom" />
// Main's events as server-sent events, read from a fetch: EventSource cannot send a header, and the page sends its
// token in nothing else. Only what the demo server writes is parsed: `event:` and `data:` lines, `:` comments.

/**
 * Opens the stream and hands each event to `deliver`. Resolves once the server answered, or failed to: a page that
 * cannot listen must not wait for ever (its calls then say what is wrong).
 */
export function openEventStream(
  url: string,
  headers: Record<string, string>,
  deliver: (channel: string, data: string) => void,
): Promise<void> {
  return new Promise((opened) => {
    void (async () => {
      let body: ReadableStream<Uint8Array>;
      try {
        const response = await fetch(url, { headers, cache: 'no-store' });
        if (!response.ok || !response.body) return opened();
        body = response.body;
      } catch {
        return opened();
      }
      opened();
      const reader = body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const frame = parseFrame(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (frame) deliver(frame.channel, frame.data);
          }
        }
      } catch {
        // The demo stopped: nothing more will come.
      }
    })();
  });
}

function parseFrame(frame: string): { channel: string; data: string } | null {
  let channel = '';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith('event: ')) channel = line.slice('event: '.length);
    else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
  }
  return channel && data.length > 0 ? { channel, data: data.join('\n') } : null;
}
