using System.Buffers.Binary;

namespace Ledger.Benchmarks;

/// <summary>
/// Counts the tuples of a PostgreSQL binary COPY stream fed in arbitrary chunks, by walking the tuple and
/// field headers without decoding any value: the baseline should cost the client as little as possible.
/// </summary>
internal sealed class BinaryCopyRowCounter
{
    // "PGCOPY\n\xff\r\n\0", then a 32-bit flags field and a 32-bit header-extension length.
    private const int HeaderLength = 19;

    private readonly byte[] _scratch = new byte[HeaderLength];
    private State _state = State.Header;
    private State _afterSkip;
    private int _need = HeaderLength;
    private int _have;
    private long _skip;
    private int _fieldsLeft;

    private enum State
    {
        Header,
        FieldCount,
        FieldLength,
        Skip,
        Done,
    }

    public long Rows { get; private set; }

    public bool Complete => _state == State.Done;

    public void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && _state != State.Done)
        {
            if (_state == State.Skip)
            {
                var skipped = (int)Math.Min(_skip, data.Length);
                data = data[skipped..];
                _skip -= skipped;
                if (_skip == 0)
                {
                    Expect(_afterSkip);
                }

                continue;
            }

            var take = Math.Min(_need - _have, data.Length);
            data[..take].CopyTo(_scratch.AsSpan(_have));
            _have += take;
            data = data[take..];
            if (_have == _need)
            {
                Parsed(_scratch.AsSpan(0, _need));
            }
        }
    }

    private void Parsed(ReadOnlySpan<byte> header)
    {
        switch (_state)
        {
            case State.Header:
                SkipThen(BinaryPrimitives.ReadInt32BigEndian(header[15..]), State.FieldCount);
                break;
            case State.FieldCount:
                var fields = BinaryPrimitives.ReadInt16BigEndian(header);
                if (fields < 0)
                {
                    _state = State.Done;
                    return;
                }

                Rows++;
                _fieldsLeft = fields;
                Expect(fields == 0 ? State.FieldCount : State.FieldLength);
                break;
            case State.FieldLength:
                // -1 is NULL: no bytes follow.
                var length = BinaryPrimitives.ReadInt32BigEndian(header);
                _fieldsLeft--;
                SkipThen(Math.Max(length, 0), _fieldsLeft > 0 ? State.FieldLength : State.FieldCount);
                break;
            default:
                throw new InvalidOperationException($"Unexpected state {_state}.");
        }
    }

    private void SkipThen(long bytes, State next)
    {
        if (bytes == 0)
        {
            Expect(next);
            return;
        }

        _skip = bytes;
        _afterSkip = next;
        _state = State.Skip;
    }

    private void Expect(State state)
    {
        _state = state;
        _have = 0;
        _need = state switch
        {
            State.FieldCount => 2,
            State.FieldLength => 4,
            _ => HeaderLength,
        };
    }
}
