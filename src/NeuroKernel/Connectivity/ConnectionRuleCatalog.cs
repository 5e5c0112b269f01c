namespace NeuroKernel.Connectivity;

/// <summary>The built-in connection rules, one line each (NEST's <c>register_conn_builder</c> calls).</summary>
internal static class ConnectionRuleCatalog
{
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
