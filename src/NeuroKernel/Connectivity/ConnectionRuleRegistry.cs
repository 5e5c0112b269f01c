namespace NeuroKernel.Connectivity;

/// <summary>The connection rules by name, in registration order (the kernel status lists them so).</summary>
internal sealed class ConnectionRuleRegistry
{
    private readonly Dictionary<string, ConnectionRule> _rules = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public IReadOnlyList<string> Names => _names;

    /// <exception cref="ArgumentException">A rule of this name exists.</exception>
    public void Register(ConnectionRule rule)
    {
        if (!_rules.TryAdd(rule.Name, rule))
        {
            throw new ArgumentException($"A connection rule named '{rule.Name}' is already registered.", nameof(rule));
        }

        _names.Add(rule.Name);
    }

    public bool Contains(string name) => _rules.ContainsKey(name);

    /// <exception cref="UnknownConnectionRuleException">No rule has this name.</exception>
    public ConnectionRule Get(string name) =>
        _rules.TryGetValue(name, out var rule) ? rule : throw new UnknownConnectionRuleException(name);
}
