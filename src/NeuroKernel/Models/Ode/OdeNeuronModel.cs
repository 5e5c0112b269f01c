namespace NeuroKernel.Models.Ode;

/// <summary>
/// The prototype of a model integrated by RKF45 (<typeparamref name="TNeuron"/>): its defaults (parameters and state
/// vector), status, receptors (excitatory and inhibitory spikes by the weight's sign, and currents) and recordables.
/// </summary>
internal sealed class OdeNeuronModel<TNeuron> : NodeModel
    where TNeuron : struct, IOdeNeuron
{
    public OdeNeuronModel() : base(TNeuron.Name)
    {
        ParameterNames = [.. TNeuron.Parameters.Select(v => v.Name)];
        ReportedState = TNeuron.ReportedState < 0 ? TNeuron.StateNames.Length : TNeuron.ReportedState;
        double[] parameters = [.. TNeuron.Parameters.Select(v => v.Value)];
        double[] state = new double[TNeuron.StateNames.Length];
        TNeuron.InitialState(parameters, state);
        TNeuron.Validate(parameters);
        Defaults = new Values(parameters, state);
    }

    /// <summary>The parameters' keys, in the order of <see cref="IOdeNeuron.Parameters"/>.</summary>
    public string[] ParameterNames { get; }

    /// <summary>How many of the state vector's first components status reports and sets.</summary>
    public int ReportedState { get; }

    /// <summary>The defaults of new neurons (replaced, never changed in place: copies of the model share it).</summary>
    public Values Defaults { get; private set; }

    public override ElementType ElementType => ElementType.Neuron;

    public override bool SendsSpikes => true;

    public override IReadOnlyList<Receptor> Receptors => TNeuron.SumsSpikes ? Receptor.SummedSpikes : Receptor.BySign;

    public override IReadOnlyList<string> Recordables => TNeuron.Recordables;

    public override StatusDictionary GetDefaults() => Write(Defaults);

    public override void SetDefaults(StatusDictionary values) => Defaults = Read(values, Defaults);

    public override NodeBlock CreateBlock(int firstId, int count) => new OdeNeuronBlock<TNeuron>(this, firstId, count);

    /// <summary>Parameters and state as status entries.</summary>
    public StatusDictionary Write(Values v)
    {
        var d = new StatusDictionary();
        for (int k = 0; k < ParameterNames.Length; k++)
        {
            d[ParameterNames[k]] = TNeuron.Flags.Contains(ParameterNames[k]) ? v.Parameters[k] != 0.0 : v.Parameters[k];
        }

        for (int k = 0; k < ReportedState; k++)
        {
            d[TNeuron.StateNames[k]] = TNeuron.StateToStatus(v.Parameters, k, v.State[k]);
        }

        foreach (string extra in TNeuron.StatusExtras)
        {
            if (TNeuron.TryRecord(extra, v.Parameters, v.State, out double value))
            {
                d[extra] = value;
            }
        }

        return d;
    }

    /// <summary>
    /// <paramref name="current"/> with the entries of <paramref name="values"/>, checked (a new record; nothing is
    /// changed when a check fails).
    /// </summary>
    public Values Read(StatusDictionary values, Values current)
    {
        var r = new ParameterReader(values, Name);
        double[] parameters = [.. current.Parameters], state = [.. current.State];
        // The state as status shows it, with the current parameters; stored back below with the new ones.
        for (int k = 0; k < ReportedState; k++)
        {
            state[k] = TNeuron.StateToStatus(current.Parameters, k, state[k]);
        }

        for (int k = 0; k < ParameterNames.Length; k++)
        {
            if (TNeuron.Flags.Contains(ParameterNames[k]))
            {
                bool flag = parameters[k] != 0.0;
                r.TryBool(ParameterNames[k], ref flag);
                parameters[k] = flag ? 1.0 : 0.0;
            }
            else
            {
                r.TryFinite(ParameterNames[k], ref parameters[k]);
            }
        }

        for (int k = 0; k < ReportedState; k++)
        {
            r.TryFinite(TNeuron.StateNames[k], ref state[k]);
            state[k] = TNeuron.StatusToState(parameters, k, state[k]);
        }

        r.ThrowIfUnused(CommonReadOnlyKeys);
        TNeuron.Validate(parameters);
        TNeuron.ValidateState(state);
        return new Values(parameters, state);
    }

    /// <summary>One neuron's parameters and state vector.</summary>
    public sealed record Values(double[] Parameters, double[] State);
}
