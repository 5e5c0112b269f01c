using NeuroKernel.Kernel;
namespace NeuroKernel.Connectivity;

/// <summary>
/// One Connect call as a rule sees it: the source and target node ids, the options, the random stream the rule draws
/// from, and <see cref="Connect"/>, through which the rule hands over the connections it chose.
/// </summary>
public readonly ref struct ConnectionRequest
{
    private readonly ConnectionWriter? _writer;

    internal ConnectionRequest(ReadOnlySpan<int> sources, ReadOnlySpan<int> targets, bool autapses, bool multapses,
        SeededRandom random, ConnectionWriter? writer)
    {
        Sources = sources;
        Targets = targets;
        AllowAutapses = autapses;
        AllowMultapses = multapses;
        Random = random;
        _writer = writer;
    }

    /// <summary>Source node ids, in the order of the collection.</summary>
    public ReadOnlySpan<int> Sources { get; }

    /// <summary>Target node ids, in the order of the collection.</summary>
    public ReadOnlySpan<int> Targets { get; }

    /// <summary>Whether a node may be connected to itself (<c>allow_autapses</c>, default true).</summary>
    public bool AllowAutapses { get; }

    /// <summary>Whether a pair may be connected more than once (<c>allow_multapses</c>, default true).</summary>
    public bool AllowMultapses { get; }

    /// <summary>
    /// The rule's random stream for this call, keyed by <c>rng_seed</c> and the number of earlier Connect calls that drew
    /// or took per-connection values: the same network for every number of threads.
    /// </summary>
    public SeededRandom Random { get; }

    /// <summary>True when weights or delays were given as arrays: <see cref="Connect"/> then needs value indices.</summary>
    public bool HasValueArrays => _writer?.HasArrays ?? false;

    /// <summary>
    /// Connects each of <paramref name="sources"/> to <paramref name="target"/>. Connections to one target are delivered
    /// in the order they were made.
    /// </summary>
    /// <param name="target">The target node id.</param>
    /// <param name="sources">Source node ids.</param>
    /// <param name="valueIndex">For each source, the flat (row-major) index of its weight and delay in arrays of the shape
    /// the rule declared; may be empty when <see cref="HasValueArrays"/> is false.</param>
    /// <exception cref="ArgumentException"><paramref name="valueIndex"/> is needed and has the wrong length.</exception>
    /// <exception cref="BadDelayException">A delay drawn per connection is below the resolution.</exception>
    /// <exception cref="InvalidOperationException">The request is not one the kernel handed to a rule.</exception>
    public void Connect(int target, ReadOnlySpan<int> sources, ReadOnlySpan<int> valueIndex = default)
    {
        var writer = _writer ?? throw new InvalidOperationException("This request was not made by the kernel.");
        if (writer.HasArrays && valueIndex.Length != sources.Length)
        {
            throw new ArgumentException($"Weights or delays are arrays: each of the {sources.Length} sources needs a value index (got {valueIndex.Length}).", nameof(valueIndex));
        }

        writer.Add(target, sources, valueIndex);
    }
}
