using System.Runtime.CompilerServices;
namespace NeuroKernel.Synapses;

/// <summary>
/// An append-only list of values in chunks that double in size up to 4 Mi entries: appending never copies what is
/// already stored, so a build of tens of millions of entries neither doubles its memory nor moves data (as
/// List&lt;T&gt; would), while a small group costs only a few KiB. Chunks of 1 MiB and more start on a 2 MiB boundary
/// and are advised into huge pages (<see cref="LargeArrays.AllocateAligned{T}"/>): on the VM this was measured on,
/// first-touching memory costs about 4.5 ms per MiB in 4 KiB pages and under 0.1 ms in 2 MiB pages. Only the entries
/// below <see cref="Count"/> are ever read.
/// </summary>
internal sealed class ChunkedList<T>
    where T : unmanaged
{
    private const int FirstChunk = 1 << 10;
    private const int MaxChunk = 1 << 22;
    private readonly List<ArraySegment<T>> _chunks = [];
    private readonly List<long> _starts = [];
    private int _used; // entries used in the last chunk

    public long Count { get; private set; }

    public T this[long index]
    {
        get
        {
            int c = ChunkOf(index);
            return _chunks[c][(int)(index - _starts[c])];
        }
    }

    public void Add(T value) => AddRange([value]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRange(ReadOnlySpan<T> values)
    {
        while (!values.IsEmpty)
        {
            if (_chunks.Count == 0 || _used == _chunks[^1].Count)
            {
                int size = _chunks.Count == 0 ? FirstChunk : Math.Min(MaxChunk, 2 * _chunks[^1].Count);
                _chunks.Add(LargeArrays.AllocateAligned<T>(Math.Max(size, Math.Min(MaxChunk, values.Length))));
                _starts.Add(Count);
                _used = 0;
            }

            var last = _chunks[^1];
            int n = Math.Min(values.Length, last.Count - _used);
            values[..n].CopyTo(last.AsSpan(_used, n));
            _used += n;
            Count += n;
            values = values[n..];
        }
    }

    /// <summary>The entries [start, start + count): a view into one chunk, or a copy into <paramref name="scratch"/>
    /// when the range crosses chunks.</summary>
    public ReadOnlySpan<T> GetSpan(long start, int count, ref T[] scratch)
    {
        int c = ChunkOf(start);
        int offset = (int)(start - _starts[c]);
        if (offset + count <= _chunks[c].Count)
        {
            return _chunks[c].AsSpan(offset, count);
        }

        if (scratch.Length < count)
        {
            scratch = new T[count];
        }

        int done = 0;
        while (done < count)
        {
            int n = Math.Min(count - done, _chunks[c].Count - offset);
            _chunks[c].AsSpan(offset, n).CopyTo(scratch.AsSpan(done));
            done += n;
            c++;
            offset = 0;
        }

        return scratch.AsSpan(0, count);
    }

    /// <summary>Drops the entries from <paramref name="count"/> on (rolls back a failed Connect).</summary>
    public void Truncate(long count)
    {
        while (_chunks.Count > 0 && _starts[^1] >= count && count < Count)
        {
            Count = _starts[^1];
            _chunks.RemoveAt(_chunks.Count - 1);
            _starts.RemoveAt(_starts.Count - 1);
            _used = _chunks.Count == 0 ? 0 : _chunks[^1].Count;
        }

        if (count < Count)
        {
            _used -= (int)(Count - count);
            Count = count;
        }
    }

    private int ChunkOf(long index)
    {
        int i = _starts.BinarySearch(index);
        return i >= 0 ? i : ~i - 1;
    }
}
