using NeuroKernel.Connectivity;

namespace NeuroKernel;

public sealed partial class Simulator
{
    /// <summary>
    /// Registers a connection rule of the user's own under <see cref="ConnectionRule.Name"/>, for <c>conn_spec</c>s of
    /// every later Connect (NEST needs a compiled module for this). It stays registered after <see cref="ResetKernel"/>
    /// and appears in <c>GetKernelStatus()["connection_rules"]</c>.
    /// </summary>
    /// <param name="rule">The rule.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    /// <exception cref="ArgumentException">A rule of this name is already registered.</exception>
    public void RegisterConnectionRule(ConnectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (_kernel.Connections.Rules.Contains(rule.Name))
        {
            throw new ArgumentException($"A connection rule named '{rule.Name}' is already registered.", nameof(rule));
        }

        _kernel.Install(k => k.Connections.Rules.Register(rule));
    }
}
