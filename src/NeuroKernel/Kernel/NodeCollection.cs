using System.Collections;
using System.Globalization;
using System.Text;

namespace NeuroKernel;

/// <summary>
/// An ordered set of node ids, as returned by <see cref="Simulator.Create(string, int, StatusDictionary?)"/>
/// (NEST's <c>NodeCollection</c>). Ids are 1-based; a collection made by one <c>Create</c> is one contiguous
/// range. Collections can be indexed, sliced with C# ranges (<c>nodes[..50]</c>), concatenated with
/// <c>+</c> and enumerated.
/// </summary>
/// <remarks>The collection stores id ranges, not one entry per node, so slicing a million-node population
/// costs nothing.</remarks>
public sealed class NodeCollection : IReadOnlyList<int>, IEquatable<NodeCollection>
{
    // Each range is (first id, count); ranges are in the order given, ids inside a range ascend.
    private readonly (int First, int Count)[] _ranges;
    private readonly int[] _offsets; // _offsets[r] = number of ids before range r

    /// <summary>An empty collection.</summary>
    public static NodeCollection Empty { get; } = new([]);

    internal NodeCollection(int first, int count) : this(count == 0 ? [] : [(first, count)]) { }

    private NodeCollection((int First, int Count)[] ranges)
    {
        _ranges = ranges;
        _offsets = new int[ranges.Length + 1];
        for (int r = 0; r < ranges.Length; r++)
        {
            _offsets[r + 1] = checked(_offsets[r] + ranges[r].Count);
        }
    }

    /// <summary>Makes a collection of the given ids, in the order given.</summary>
    /// <param name="ids">Node ids (1-based).</param>
    /// <returns>The collection.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id is smaller than 1.</exception>
    public static NodeCollection FromIds(ReadOnlySpan<int> ids)
    {
        var ranges = new List<(int, int)>();
        int i = 0;
        while (i < ids.Length)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(ids[i], 1, nameof(ids));
            int j = i + 1;
            while (j < ids.Length && ids[j] == ids[j - 1] + 1)
            {
                j++;
            }

            ranges.Add((ids[i], j - i));
            i = j;
        }

        return new NodeCollection(ranges.ToArray());
    }

    /// <summary>Number of nodes in the collection.</summary>
    public int Count => _offsets[^1];

    /// <summary>True when the ids form one ascending run without gaps.</summary>
    public bool IsContiguous => _ranges.Length <= 1;

    /// <summary>The smallest id of a contiguous collection; the first id otherwise.</summary>
    /// <exception cref="InvalidOperationException">The collection is empty.</exception>
    public int First => Count > 0 ? _ranges[0].First : throw new InvalidOperationException("The collection is empty.");

    /// <summary>The node id at a position.</summary>
    /// <param name="index">0-based position.</param>
    /// <returns>The node id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Count).</exception>
    public int this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"Index {index} is outside a collection of {Count} nodes.");
            }

            int r = FindRange(index);
            return _ranges[r].First + (index - _offsets[r]);
        }
    }

    /// <summary>A slice of the collection, e.g. <c>nodes[..50]</c> (NEST's <c>nodes[:50]</c>).</summary>
    /// <param name="range">The positions to take.</param>
    /// <returns>The sub-collection.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range does not fit the collection.</exception>
    public NodeCollection this[Range range]
    {
        get
        {
            int start = range.Start.GetOffset(Count), end = range.End.GetOffset(Count);
            if (start < 0 || end > Count || start > end)
            {
                throw new ArgumentOutOfRangeException(nameof(range), $"Slice [{range}] (start = {start}, end = {end}) does not fit a collection of {Count} nodes.");
            }

            return Slice(start, end - start);
        }
    }

    /// <summary>The nodes at positions <paramref name="start"/> .. <paramref name="start"/> + <paramref name="length"/> − 1.</summary>
    /// <param name="start">First position (0-based).</param>
    /// <param name="length">Number of nodes.</param>
    /// <returns>The sub-collection.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The slice does not fit the collection.</exception>
    public NodeCollection Slice(int start, int length)
    {
        if (start < 0 || length < 0 || start > Count - length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Slice [{start}, {start + length}) does not fit a collection of {Count} nodes.");
        }

        var result = new List<(int, int)>();
        int end = start + length;
        for (int r = 0; r < _ranges.Length && length > 0; r++)
        {
            int lo = Math.Max(start, _offsets[r]);
            int hi = Math.Min(end, _offsets[r + 1]);
            if (lo < hi)
            {
                result.Add((_ranges[r].First + (lo - _offsets[r]), hi - lo));
            }
        }

        return new NodeCollection(result.ToArray());
    }

    /// <summary>Concatenates two collections (NEST's <c>a + b</c>).</summary>
    /// <param name="left">The first nodes.</param>
    /// <param name="right">The nodes that follow.</param>
    /// <returns>A collection with the ids of both, left first.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static NodeCollection operator +(NodeCollection left, NodeCollection right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return Concat(left, right);
    }

    /// <summary>Concatenates two collections.</summary>
    /// <param name="left">The first nodes.</param>
    /// <param name="right">The nodes that follow.</param>
    /// <returns>A collection with the ids of both, left first.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static NodeCollection Concat(NodeCollection left, NodeCollection right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var list = new List<(int First, int Count)>(left._ranges);
        foreach (var r in right._ranges)
        {
            if (list.Count > 0 && list[^1].First + list[^1].Count == r.First)
            {
                list[^1] = (list[^1].First, list[^1].Count + r.Count);
            }
            else
            {
                list.Add(r);
            }
        }

        return new NodeCollection(list.ToArray());
    }

    /// <summary>True when <paramref name="nodeId"/> is in the collection.</summary>
    /// <param name="nodeId">A node id.</param>
    /// <returns>Whether the id is a member.</returns>
    public bool Contains(int nodeId)
    {
        foreach (var (first, count) in _ranges)
        {
            if (nodeId >= first && nodeId < first + count)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The ids as an array.</summary>
    /// <returns>A new array of the ids in order.</returns>
    public int[] ToArray()
    {
        var a = new int[Count];
        CopyTo(a);
        return a;
    }

    /// <summary>Copies the ids into a span.</summary>
    /// <param name="destination">A span of at least <see cref="Count"/> elements.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void CopyTo(Span<int> destination)
    {
        if (destination.Length < Count)
        {
            throw new ArgumentException("Destination is too short.", nameof(destination));
        }

        int k = 0;
        foreach (var (first, count) in _ranges)
        {
            for (int i = 0; i < count; i++)
            {
                destination[k++] = first + i;
            }
        }
    }

    internal ReadOnlySpan<(int First, int Count)> Ranges => _ranges;

    /// <summary>Enumerates the ids.</summary>
    /// <returns>An enumerator.</returns>
    public IEnumerator<int> GetEnumerator()
    {
        foreach (var (first, count) in _ranges)
        {
            for (int i = 0; i < count; i++)
            {
                yield return first + i;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>True when both collections hold the same ids in the same order.</summary>
    /// <param name="other">The other collection.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(NodeCollection? other) =>
        other is not null && Count == other.Count && this.SequenceEqual(other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NodeCollection);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var r in _ranges)
        {
            h.Add(r.First);
            h.Add(r.Count);
        }

        return h.ToHashCode();
    }

    /// <summary>NEST's form, e.g. <c>NodeCollection(metadata=None, model=…, size=10, first=1, last=10)</c> without the model.</summary>
    /// <returns>A short description.</returns>
    public override string ToString()
    {
        if (Count == 0)
        {
            return "NodeCollection(<empty>)";
        }

        var sb = new StringBuilder("NodeCollection(");
        for (int r = 0; r < _ranges.Length; r++)
        {
            if (r > 0)
            {
                sb.Append(", ");
            }

            var (first, count) = _ranges[r];
            sb.Append(CultureInfo.InvariantCulture, $"size={count}, first={first}, last={first + count - 1}");
        }

        return sb.Append(')').ToString();
    }

    private int FindRange(int index)
    {
        int lo = 0, hi = _ranges.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_offsets[mid] <= index)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }
}
