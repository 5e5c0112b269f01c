namespace NeuroKernel.Synapses;

/// <summary>
/// An append-only list of ints in fixed-size chunks: appending never copies what is already stored, so a
/// build of tens of millions of entries neither doubles its memory nor moves data (List&lt;int&gt; would).
/// </summary>
internal sealed class ChunkedIntList
{
    private const int ChunkBits = 20;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly List<int[]> _chunks = [];

    public long Count { get; private set; }

    public int this[long index] => _chunks[(int)(index >> ChunkBits)][index & (ChunkSize - 1)];

    public void Add(int value)
    {
        int offset = (int)(Count & (ChunkSize - 1));
        if (offset == 0 && (Count >> ChunkBits) == _chunks.Count)
        {
            _chunks.Add(new int[ChunkSize]);
        }

        _chunks[(int)(Count >> ChunkBits)][offset] = value;
        Count++;
    }

    public void AddRange(ReadOnlySpan<int> values)
    {
        while (!values.IsEmpty)
        {
            int offset = (int)(Count & (ChunkSize - 1));
            if (offset == 0 && (Count >> ChunkBits) == _chunks.Count)
            {
                _chunks.Add(new int[ChunkSize]);
            }

            int n = Math.Min(values.Length, ChunkSize - offset);
            values[..n].CopyTo(_chunks[(int)(Count >> ChunkBits)].AsSpan(offset, n));
            Count += n;
            values = values[n..];
        }
    }

    /// <summary>The entries [start, start + count): a view into one chunk, or a copy into <paramref name="scratch"/>
    /// when the range crosses chunks.</summary>
    public ReadOnlySpan<int> GetSpan(long start, int count, ref int[] scratch)
    {
        int chunk = (int)(start >> ChunkBits);
        int offset = (int)(start & (ChunkSize - 1));
        if (offset + count <= ChunkSize)
        {
            return _chunks[chunk].AsSpan(offset, count);
        }

        if (scratch.Length < count)
        {
            scratch = new int[count];
        }

        int done = 0;
        while (done < count)
        {
            int n = Math.Min(count - done, ChunkSize - offset);
            _chunks[chunk].AsSpan(offset, n).CopyTo(scratch.AsSpan(done));
            done += n;
            chunk++;
            offset = 0;
        }

        return scratch.AsSpan(0, count);
    }

    public void Clear()
    {
        _chunks.Clear();
        Count = 0;
    }
}
