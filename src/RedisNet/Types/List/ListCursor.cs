namespace RedisNet.Types.List;

public sealed partial class ListValue
{
    /// <summary>
    /// A position in the list that walks one element at a time in either direction without
    /// re-locating (LRANGE, LPOS, LREM). Invalid once the list changes, except through <see cref="RemoveCurrent"/>.
    /// </summary>
    public struct Cursor
    {
        private readonly ListValue _list;
        private int _chunk, _offset;

        internal Cursor(ListValue list, int chunk, int offset)
        {
            _list = list;
            _chunk = chunk;
            _offset = offset;
        }

        public readonly bool Valid => _chunk >= 0 && _chunk < _list._chunks.Count;
        public readonly ReadOnlySpan<byte> Current => _list._chunks[_chunk].Get(_offset);

        public void Next()
        {
            if (++_offset < _list._chunks[_chunk].Count) return;
            _chunk++;
            _offset = 0;
        }

        public void Prev()
        {
            if (--_offset >= 0) return;
            _chunk--;
            if (_chunk >= 0) _offset = _list._chunks[_chunk].Count - 1;
        }

        /// <summary>Removes the current element; the cursor then points at the following one (forward) or the preceding one (backward).</summary>
        public void RemoveCurrent(bool forward)
        {
            bool dropped = _list.RemoveInChunk(_chunk, _offset, 1);
            if (forward)
            {
                if (!dropped && _offset >= _list._chunks[_chunk].Count) { _chunk++; _offset = 0; }
                else if (dropped) _offset = 0;
            }
            else
            {
                if (dropped) { _chunk--; if (_chunk >= 0) _offset = _list._chunks[_chunk].Count - 1; }
                else Prev();
            }
        }
    }

    /// <summary>A cursor at a zero-based index (0 &lt;= index &lt; Count).</summary>
    public Cursor CursorAt(long index)
    {
        Locate(index, out int ci, out int i);
        return new Cursor(this, ci, i);
    }
}
