namespace NeuroKernel;

/// <summary>
/// A connection specification (PyNEST's <c>conn_spec</c>): a rule name such as <c>"all_to_all"</c> or
/// <c>"one_to_one"</c>, or a dictionary with <c>rule</c> and the rule's parameters
/// (<c>allow_autapses</c>, <c>allow_multapses</c>). Strings and dictionaries convert implicitly.
/// </summary>
public sealed class ConnSpec
{
    /// <summary>Creates a specification from a rule name and optional parameters.</summary>
    /// <param name="rule">The rule name.</param>
    /// <param name="parameters">The rule's parameters (without <c>rule</c>), or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public ConnSpec(string rule, StatusDictionary? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Rule = rule;
        Parameters = parameters ?? [];
    }

    /// <summary>The rule name.</summary>
    public string Rule { get; }

    /// <summary>The rule's parameters.</summary>
    public StatusDictionary Parameters { get; }

    /// <summary>A specification with the given rule and no parameters.</summary>
    /// <param name="rule">The rule name.</param>
    public static implicit operator ConnSpec(string rule) => new(rule);

    /// <summary>A specification from a dictionary with <c>rule</c> (default <c>all_to_all</c>) and parameters.</summary>
    /// <param name="spec">The dictionary.</param>
    public static implicit operator ConnSpec(StatusDictionary spec) => FromDictionary(spec);

    /// <summary>A specification from a dictionary with <c>rule</c> (default <c>all_to_all</c>) and parameters.</summary>
    /// <param name="spec">The dictionary.</param>
    /// <returns>The specification.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="BadPropertyException"><c>rule</c> is not a string.</exception>
    public static ConnSpec FromDictionary(StatusDictionary spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var rest = new StatusDictionary(spec);
        string rule = "all_to_all";
        if (rest.Remove(ParameterNames.Rule, out object? r))
        {
            rule = r as string ?? throw new BadPropertyException(ParameterNames.Rule, $"conn_spec: rule must be a string, got {StatusDictionary.Describe(r)}.");
        }

        return new ConnSpec(rule, rest);
    }

    /// <summary>A specification from a rule name.</summary>
    /// <param name="rule">The rule name.</param>
    /// <returns>The specification.</returns>
    public static ConnSpec FromString(string rule) => new(rule);
}
