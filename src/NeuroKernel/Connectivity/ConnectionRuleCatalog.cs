namespace NeuroKernel.Connectivity;

/// <summary>The built-in connection rules, one line each (NEST's <c>register_conn_builder</c> calls).</summary>
internal static class ConnectionRuleCatalog
{
    /// <summary>The rule of a Connect without conn_spec (NEST's default).</summary>
    public const string Default = AllToAllRule.Name;

    /// <summary>The rule of Connect(sources, targets) with two id arrays: the i-th source to the i-th target.</summary>
    public const string Paired = OneToOneRule.Name;

    public static void RegisterBuiltIns(ConnectionRuleRegistry r)
    {
        r.Register(new AllToAllRule());
        r.Register(new OneToOneRule());
        r.Register(new FixedIndegreeRule());
        r.Register(new FixedOutdegreeRule());
        r.Register(new FixedTotalNumberRule());
        r.Register(new PairwiseBernoulliRule());
    }
}
