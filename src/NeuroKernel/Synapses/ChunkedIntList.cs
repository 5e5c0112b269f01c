namespace NeuroKernel.Synapses;

/// <summary>
/// An append-only list of ints in chunks that double in size up to 4 MiB: appending never copies what is
/// already stored, so a build of tens of millions of entries neither doubles its memory nor moves data (as
/// List&lt;int&gt; would), while a small group costs only a few KiB.
/// </summary>
internal sealed class ChunkedIntList
{
    private const int FirstChunk = 1 << 10;
    private const int MaxChunk = 1 << 20;
    private readonly List<int[]> _chunks = [];
    private readonly List<long> _starts = [];
    private int _used; // entries used in the last chunk

    public long Count { get; private set; }

    public int this[long index]
    {
        get
        {
            int c = ChunkOf(index);
            return _chunks[c][index - _starts[c]];
        }
    }

    public void Add(int value) => AddRange([value]);

    public void AddRange(ReadOnlySpan<int> values)
    {
        while (!values.IsEmpty)
        {
            if (_chunks.Count == 0 || _used == _chunks[^1].Length)
            {
                int size = _chunks.Count == 0 ? FirstChunk : Math.Min(MaxChunk, 2 * _chunks[^1].Length);
                _chunks.Add(new int[Math.Max(size, Math.Min(MaxChunk, values.Length))]);
                _starts.Add(Count);
                _used = 0;
            }

            int[] last = _chunks[^1];
            int n = Math.Min(values.Length, last.Length - _used);
            values[..n].CopyTo(last.AsSpan(_used, n));
            _used += n;
            Count += n;
            values = values[n..];
        }
    }

    /// <summary>The entries [start, start + count): a view into one chunk, or a copy into <paramref name="scratch"/>
    /// when the range crosses chunks.</summary>
    public ReadOnlySpan<int> GetSpan(long start, int count, ref int[] scratch)
    {
        int c = ChunkOf(start);
        int offset = (int)(start - _starts[c]);
        if (offset + count <= _chunks[c].Length)
        {
            return _chunks[c].AsSpan(offset, count);
        }

        if (scratch.Length < count)
        {
            scratch = new int[count];
        }

        int done = 0;
        while (done < count)
        {
            int n = Math.Min(count - done, _chunks[c].Length - offset);
            _chunks[c].AsSpan(offset, n).CopyTo(scratch.AsSpan(done));
            done += n;
            c++;
            offset = 0;
        }

        return scratch.AsSpan(0, count);
    }

    public void Clear()
    {
        _chunks.Clear();
        _starts.Clear();
        _used = 0;
        Count = 0;
    }

    private int ChunkOf(long index)
    {
        int i = _starts.BinarySearch(index);
        return i >= 0 ? i : ~i - 1;
    }
}
