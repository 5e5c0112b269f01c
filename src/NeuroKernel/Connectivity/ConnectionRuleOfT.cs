using NeuroKernel.Models;

namespace NeuroKernel.Connectivity;

/// <summary>
/// A connection rule with parameters of type <typeparamref name="TParameters"/> (e.g. the in-degree of
/// <c>fixed_indegree</c>). The built-in rules derive from it, and so does a rule written outside the library.
/// </summary>
/// <typeparam name="TParameters">The rule's parameters as read from one <c>conn_spec</c>.</typeparam>
/// <example>
/// <code>
/// sealed class Ring() : ConnectionRule&lt;int&gt;("ring")            // each node to the next `shift`-th
/// {
///     protected override int ReadParameters(ParameterReader r) { long k = 1; r.TryLong("shift", ref k); return (int)k; }
///     protected override ArrayShape ArrayShape(in int k, int sources, int targets) =&gt; Connectivity.ArrayShape.Vector(sources);
///     protected override double PlannedConnections(in int k, int sources, int targets) =&gt; sources;
///     protected override void Connect(in int k, in ConnectionRequest request)
///     {
///         for (int i = 0; i &lt; request.Sources.Length; i++)
///             request.Connect(request.Targets[(i + k) % request.Targets.Length], request.Sources.Slice(i, 1), [i]);
///     }
/// }
/// </code>
/// </example>
public abstract class ConnectionRule<TParameters> : ConnectionRule
{
    /// <summary>A rule named <paramref name="name"/>.</summary>
    /// <param name="name">The name used in <c>conn_spec</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    protected ConnectionRule(string name) : base(name) { }

    /// <summary>
    /// Reads the rule's keys from a <c>conn_spec</c> (not <c>rule</c>, <c>allow_autapses</c> or <c>allow_multapses</c>, which
    /// the kernel reads) and checks them; a key nobody reads is refused afterwards.
    /// </summary>
    /// <param name="reader">The <c>conn_spec</c>'s entries.</param>
    /// <returns>The parameters of this call.</returns>
    /// <exception cref="BadPropertyException">A key is missing or has a bad value.</exception>
    protected abstract TParameters ReadParameters(ParameterReader reader);

    /// <summary>Refuses collections the rule cannot take together (e.g. <c>one_to_one</c> of different sizes); nothing by default.</summary>
    /// <param name="parameters">The call's parameters.</param>
    /// <param name="sources">Number of source nodes.</param>
    /// <param name="targets">Number of target nodes.</param>
    /// <exception cref="NeuroKernelException">The collections do not fit the rule.</exception>
    protected virtual void CheckSizes(in TParameters parameters, int sources, int targets) { }

    /// <summary>The shape weight and delay arrays must have in this call, or <see cref="Connectivity.ArrayShape.None"/>.</summary>
    /// <param name="parameters">The call's parameters.</param>
    /// <param name="sources">Number of source nodes.</param>
    /// <param name="targets">Number of target nodes.</param>
    /// <returns>The shape; its flat (row-major) index is the value index of <see cref="ConnectionRequest.Connect"/>.</returns>
    protected abstract ArrayShape ArrayShape(in TParameters parameters, int sources, int targets);

    /// <summary>About how many connections the call will make (the kernel refuses calls that cannot fit in memory).</summary>
    /// <param name="parameters">The call's parameters.</param>
    /// <param name="sources">Number of source nodes.</param>
    /// <param name="targets">Number of target nodes.</param>
    /// <returns>The expected number of connections.</returns>
    protected abstract double PlannedConnections(in TParameters parameters, int sources, int targets);

    /// <summary>Refuses requests that cannot be met (more distinct partners than exist, …) before anything is made.</summary>
    /// <param name="parameters">The call's parameters.</param>
    /// <param name="request">The sources, targets and options of the call.</param>
    /// <exception cref="BadPropertyException">The request cannot be met.</exception>
    protected virtual void CheckFeasible(in TParameters parameters, in ConnectionRequest request) { }

    /// <summary>Chooses the connections and hands them to <see cref="ConnectionRequest.Connect"/>.</summary>
    /// <param name="parameters">The call's parameters.</param>
    /// <param name="request">The sources, targets, options and random stream of the call.</param>
    protected abstract void Connect(in TParameters parameters, in ConnectionRequest request);

    internal override BoundRule BindParameters(ParameterReader reader, bool autapses, bool multapses) =>
        new Bound(this, ReadParameters(reader), autapses, multapses);

    private sealed class Bound(ConnectionRule<TParameters> rule, TParameters parameters, bool autapses, bool multapses) : BoundRule(rule, autapses, multapses)
    {
        public override void CheckSizes(int sources, int targets) => rule.CheckSizes(in parameters, sources, targets);

        public override ArrayShape ArrayShape(int sources, int targets) => rule.ArrayShape(in parameters, sources, targets);

        public override double PlannedConnections(int sources, int targets) => rule.PlannedConnections(in parameters, sources, targets);

        public override void CheckFeasible(in ConnectionRequest request) => rule.CheckFeasible(in parameters, in request);

        public override void Connect(in ConnectionRequest request) => rule.Connect(in parameters, in request);
    }
}
