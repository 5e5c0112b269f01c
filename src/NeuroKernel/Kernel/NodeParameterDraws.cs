using NeuroKernel.Connectivity;
using NeuroKernel.Random;

namespace NeuroKernel.Kernel;

/// <summary>
/// Node parameters given as distributions (<see cref="Distributions"/>: uniform, normal, lognormal, exponential) or as
/// <see cref="Parameter"/> expressions in <c>Create</c> and <c>SetStatus</c>: each node draws its own value, as NEST's
/// <c>nest.random</c> parameters do. A draw
/// comes from a stream keyed by the kernel's seed, the number of the call among the calls that drew (counted from the
/// last ResetKernel), the node's id and the key, so the values are the same for any thread count and for the same script,
/// and a second call draws afresh.
/// </summary>
internal sealed class NodeParameterDraws
{
    private readonly (string Key, ValueSpec? Distribution, object? Value)[] _entries;

    private NodeParameterDraws((string, ValueSpec?, object?)[] entries) => _entries = entries;

    /// <summary>The draws of <paramref name="values"/>, or null when it holds no distribution (the dictionary applies as it is).</summary>
    /// <exception cref="BadPropertyException">A distribution's parameters are invalid.</exception>
    public static NodeParameterDraws? Of(StatusDictionary values)
    {
        bool any = false;
        foreach (string key in values.Keys)
        {
            any |= IsDistribution(values[key]);
        }

        if (!any)
        {
            return null;
        }

        var entries = new List<(string, ValueSpec?, object?)>();
        foreach (string key in values.Keys)
        {
            object? raw = values[key];
            entries.Add(IsDistribution(raw) ? (key, ValueSpec.From(key, raw, 0.0), null) : (key, null, raw));
        }

        return new NodeParameterDraws([.. entries]);
    }

    /// <summary>The dictionary of node <paramref name="nodeId"/> in draw call <paramref name="call"/>.</summary>
    public StatusDictionary For(ulong seed, long call, int nodeId)
    {
        var d = new StatusDictionary();
        foreach (var (key, distribution, value) in _entries)
        {
            if (distribution is null)
            {
                d[key] = value!;
                continue;
            }

            if (distribution.IsScalar)
            {
                // A parameter expression without random leaves: one number for all nodes.
                d[key] = distribution.Scalar;
                continue;
            }

            var rng = SeededRandom.FromState(SplitMix64.Derive(seed, (ulong)call, (ulong)nodeId, StableHash(key)));
            d[key] = distribution.Draw(rng);
        }

        return d;
    }

    private static bool IsDistribution(object? value) => value is Parameter || (value is StatusDictionary spec && spec.ContainsKey("distribution"));

    /// <summary>FNV-1a of the key (string.GetHashCode differs from process to process).</summary>
    private static ulong StableHash(string key)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in key)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }
}
