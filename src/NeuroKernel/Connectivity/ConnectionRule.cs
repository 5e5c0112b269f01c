using NeuroKernel.Models;

namespace NeuroKernel.Connectivity;

/// <summary>
/// A connection rule (NEST's connection builder), registered by name: <c>all_to_all</c>, <c>fixed_indegree</c>, …
/// and rules of the user's own (<see cref="Simulator.RegisterConnectionRule"/>). Derive from
/// <see cref="ConnectionRule{TParameters}"/> to write one.
/// </summary>
/// <remarks>
/// For each <c>Connect</c> call the kernel reads <c>allow_autapses</c> and <c>allow_multapses</c>, lets the rule read its
/// own keys of the <c>conn_spec</c>, checks the shapes of weight and delay arrays against what the rule declares, and
/// then lets the rule choose the connections (<see cref="ConnectionRequest.Connect"/>). Everything a call adds is rolled
/// back when it fails half-way.
/// </remarks>
public abstract class ConnectionRule
{
    private protected ConnectionRule(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The rule's name in <c>conn_spec</c>, e.g. <c>"fixed_indegree"</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Reads one Connect call's <c>conn_spec</c>: <c>allow_autapses</c> and <c>allow_multapses</c> (both true by default, as
    /// in NEST), then the rule's own keys.
    /// </summary>
    internal BoundRule Bind(ParameterReader reader)
    {
        bool autapses = true, multapses = true;
        reader.TryBool("allow_autapses", ref autapses);
        reader.TryBool("allow_multapses", ref multapses);
        return BindParameters(reader, autapses, multapses);
    }

    /// <summary>Reads the rule's own keys of one Connect call's <c>conn_spec</c>; the call allows autapses and multapses as given.</summary>
    internal abstract BoundRule BindParameters(ParameterReader reader, bool autapses, bool multapses);
}

/// <summary>One Connect call's rule with its parameters read: what the kernel asks of it.</summary>
internal abstract class BoundRule(ConnectionRule rule, bool autapses, bool multapses)
{
    public ConnectionRule Rule { get; } = rule;

    /// <summary>The call's <c>allow_autapses</c>.</summary>
    public bool Autapses { get; } = autapses;

    /// <summary>The call's <c>allow_multapses</c>.</summary>
    public bool Multapses { get; } = multapses;

    public abstract void CheckSizes(int sources, int targets);

    public abstract ArrayShape ArrayShape(int sources, int targets);

    public abstract double PlannedConnections(int sources, int targets);

    public abstract void CheckFeasible(in ConnectionRequest request);

    public abstract void Connect(in ConnectionRequest request);

    /// <summary>
    /// Whether this call takes the rule's fast path: a pair rule (all_to_all, one_to_one) with one weight and one delay
    /// for all and a static synapse type, so that the group stores them once and nothing is drawn.
    /// </summary>
    public bool TakesUniformPath(Kernel.ConnectionWriter writer) => Rule is IPairRule && writer.IsUniform;

    /// <summary>The fast path (<see cref="TakesUniformPath"/>): the pairs straight into the pending groups; returns how many were made.</summary>
    public long ConnectUniform(NodeCollection pre, NodeCollection post, Kernel.ConnectionWriter writer)
    {
        Kernel.MemoryGuard.Check(PlannedConnections(pre.Count, post.Count) * Kernel.MemoryGuard.ConnectionBytes,
            $"Connect with {Rule.Name} ({pre.Count} × {post.Count})");
        return ((IPairRule)Rule).ConnectUniform(pre, post, Autapses, writer);
    }

    /// <summary>
    /// The general path: a rule that draws, or weights and delays per connection. Checks the value arrays against the
    /// rule's shape, the call's feasibility and the memory it plans, then lets the rule choose the connections, drawing
    /// from <paramref name="random"/>; returns how many were made.
    /// </summary>
    public long ConnectDrawn(NodeCollection pre, NodeCollection post, Kernel.ConnectionWriter writer, SeededRandom random)
    {
        int[] sources = pre.ToArray();
        int[] targets = post.ToArray();
        var shape = ArrayShape(sources.Length, targets.Length);
        writer.Weight.RequireShape(shape, Rule.Name);
        writer.Delay.RequireShape(shape, Rule.Name);
        var request = new ConnectionRequest(sources, targets, Autapses, Multapses, random, writer);
        CheckFeasible(in request);
        double planned = PlannedConnections(sources.Length, targets.Length);
        Kernel.MemoryGuard.Check(planned * (Kernel.MemoryGuard.ConnectionBytes + (writer.Weight.IsScalar ? 0 : 16) + (writer.Delay.IsScalar ? 0 : 8)),
            $"Connect with {Rule.Name} ({planned:E2} connections)");
        Connect(in request);
        return writer.Made;
    }

    /// <summary>The (multimeter, target) pairs of a multimeter's Connect, which only pair rules make.</summary>
    /// <exception cref="IllegalConnectionException">The rule draws its pairs.</exception>
    public IEnumerable<(int Source, int Target)> SamplerPairs(NodeCollection pre, NodeCollection post) =>
        Rule is IPairRule pairs
            ? pairs.Pairs(pre, post)
            : throw new IllegalConnectionException($"A multimeter is connected with all_to_all or one_to_one, not {Rule.Name}.");
}
