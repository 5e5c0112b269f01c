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

    /// <summary>Reads the rule's own keys of one Connect call's <c>conn_spec</c>.</summary>
    internal abstract BoundRule Bind(ParameterReader reader);
}

/// <summary>One Connect call's rule with its parameters read: what the kernel asks of it.</summary>
internal abstract class BoundRule(ConnectionRule rule)
{
    public ConnectionRule Rule { get; } = rule;

    public abstract void CheckSizes(int sources, int targets);

    public abstract ArrayShape ArrayShape(int sources, int targets);

    public abstract double PlannedConnections(int sources, int targets);

    public abstract void CheckFeasible(in ConnectionRequest request);

    public abstract void Connect(in ConnectionRequest request);

    /// <summary>True when the rule's pairs follow from the collections alone (<see cref="IPairRule"/>): with one weight and delay it has a fast path.</summary>
    public bool HasUniformPath => Rule is IPairRule;

    /// <summary>The fast path of a pair rule: connections with the writer's uniform weight and delay, nothing drawn; returns how many.</summary>
    public long ConnectUniform(NodeCollection pre, NodeCollection post, bool autapses, Kernel.ConnectionWriter writer) =>
        ((IPairRule)Rule).ConnectUniform(pre, post, autapses, writer);

    /// <summary>The (multimeter, target) pairs of a multimeter's Connect, which only pair rules make.</summary>
    /// <exception cref="IllegalConnectionException">The rule draws its pairs.</exception>
    public IEnumerable<(int Source, int Target)> SamplerPairs(NodeCollection pre, NodeCollection post) =>
        Rule is IPairRule pairs
            ? pairs.Pairs(pre, post)
            : throw new IllegalConnectionException($"A multimeter is connected with all_to_all or one_to_one, not {Rule.Name}.");
}
