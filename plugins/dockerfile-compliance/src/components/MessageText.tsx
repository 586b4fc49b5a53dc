/** A finding message with its backtick spans shown as code (see data/messageText). */
import { messageSegments } from '../data/messageText';

const CODE = { fontFamily: 'var(--bui-font-monospace, monospace)', fontSize: '0.95em', overflowWrap: 'anywhere' } as const;

export function MessageText(props: { message: string }) {
  return (
    <>
      {messageSegments(props.message).map((segment, i) =>
        segment.code ? (
          <code key={i} style={CODE}>
            {segment.text}
          </code>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}
