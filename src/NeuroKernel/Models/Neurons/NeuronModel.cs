namespace NeuroKernel.Models.Neurons;

/// <summary>
/// The prototype of a leaky integrate-and-fire model: its defaults are the parameters, the constant current
/// I_e and the initial membrane potential (relative to E_L).
/// </summary>
internal abstract class NeuronModel<TParameters> : NodeModel
    where TParameters : class, INeuronParameters<TParameters>
{
    protected NeuronModel(string name, TParameters defaults) : base(name) => Parameters = defaults;

    public TParameters Parameters { get; private set; }

    public double IE { get; private set; }

    public double VRelative { get; private set; }

    public override ElementType ElementType => ElementType.Neuron;

    public override bool SendsSpikes => true;

    /// <summary>Spikes split by the sign of the weight into an excitatory and an inhibitory current, and currents on port 0.</summary>
    public override IReadOnlyList<Receptor> Receptors => Receptor.BySign;

    public override StatusDictionary GetDefaults()
    {
        var d = new StatusDictionary();
        Parameters.Write(d);
        d[ParameterNames.IE] = IE;
        d[ParameterNames.VM] = VRelative + Parameters.Membrane.EL;
        foreach (string r in Recordables)
        {
            d.TryAdd(r, 0.0);
        }

        return d;
    }

    public override void SetDefaults(StatusDictionary values)
    {
        var (p, ie, v) = Read(values, Name, Parameters, IE, VRelative, Recordables);
        (Parameters, IE, VRelative) = (p, ie, v);
    }

    /// <summary>Reads parameters and state from a user's dictionary into new values; nothing is changed.</summary>
    public static (TParameters Parameters, double IE, double VRelative) Read(
        StatusDictionary values, string owner, TParameters p, double ie, double vRelative, IReadOnlyList<string> recordables)
    {
        var r = new ParameterReader(values, owner);
        var next = p.Read(r, out double deltaEL);
        r.TryFinite(ParameterNames.IE, ref ie);
        double vm = vRelative + p.Membrane.EL;
        // NEST keeps the absolute V_m when only E_L changes.
        vRelative = r.TryFinite(ParameterNames.VM, ref vm) ? vm - next.Membrane.EL : vRelative - deltaEL;
        if (!double.IsFinite(vRelative))
        {
            throw new BadPropertyException(ParameterNames.VM,
                $"{owner}: V_m - E_L must be a finite number (V_m = {StatusDictionary.Describe(vm)}, E_L = {StatusDictionary.Describe(next.Membrane.EL)}).");
        }

        r.ThrowIfUnused([.. CommonReadOnlyKeys, .. recordables]);
        return (next, ie, vRelative);
    }
}
