namespace NeuroKernel.Models.Neurons;

/// <summary>
/// The membrane parameters every leaky integrate-and-fire model of NEST shares, with NEST's defaults. As in
/// NEST, <see cref="VReset"/>, <see cref="VTh"/> and <see cref="VMin"/> are stored relative to <see cref="EL"/>.
/// </summary>
internal sealed record MembraneParameters
{
    /// <summary>Membrane time constant tau_m (ms).</summary>
    public double TauM { get; init; } = 10.0;

    /// <summary>Membrane capacitance C_m (pF).</summary>
    public double CM { get; init; } = 250.0;

    /// <summary>Refractory period t_ref (ms).</summary>
    public double TRef { get; init; } = 2.0;

    /// <summary>Resting potential E_L (mV).</summary>
    public double EL { get; init; } = -70.0;

    /// <summary>Reset potential relative to E_L (mV).</summary>
    public double VReset { get; init; }

    /// <summary>Threshold relative to E_L (mV).</summary>
    public double VTh { get; init; } = 15.0;

    /// <summary>
    /// Time constant of the neuron's STDP trace K⁻ (ms), NEST's archiving-node parameter: plastic synapses into the neuron
    /// read it at each presynaptic spike.
    /// </summary>
    public double TauMinus { get; init; } = 20.0;

    /// <summary>Lower bound of the membrane potential relative to E_L (mV); −∞ unless the model has V_min.</summary>
    public double VMin { get; init; } = double.NegativeInfinity;

    public static MembraneParameters Default { get; } = new();

    /// <summary>
    /// Reads the membrane keys into a copy. When E_L changes and a relative potential is not given, its
    /// absolute value is kept (NEST's rule); <paramref name="deltaEL"/> says how far E_L moved, so that the
    /// state V_m can follow the same rule.
    /// </summary>
    public MembraneParameters Read(ParameterReader r, bool hasVMin, out double deltaEL)
    {
        double el = EL;
        r.TryFinite(ParameterNames.EL, ref el);
        deltaEL = el - EL;
        double vReset = VReset + EL, vTh = VTh + EL, vMin = VMin + EL;
        // Not given: the locals keep the old absolute values, so the relative values follow E_L (NEST's rule).
        r.TryFinite(ParameterNames.VReset, ref vReset);
        r.TryFinite(ParameterNames.VTh, ref vTh);
        if (hasVMin)
        {
            r.TryDouble(ParameterNames.VMin, ref vMin);
        }

        if (vReset < vTh && vReset - el >= vTh - el)
        {
            // Kept relative to E_L, two different potentials would become one: E_L is too far from them.
            throw new BadPropertyException(ParameterNames.EL,
                $"E_L is too far from V_reset and V_th to keep them apart relative to E_L (E_L = {StatusDictionary.Describe(el)}, V_reset = {StatusDictionary.Describe(vReset)}, V_th = {StatusDictionary.Describe(vTh)}).");
        }

        double tauM = TauM, cM = CM, tRef = TRef;
        r.TryFinite(ParameterNames.TauM, ref tauM);
        r.TryFinite(ParameterNames.CM, ref cM);
        r.TryFinite(ParameterNames.TRef, ref tRef);
        double tauMinus = ReadTimeConstant(r, ParameterNames.TauMinus, TauMinus);
        var p = this with
        {
            TauMinus = tauMinus,
            EL = el,
            VReset = vReset - el,
            VTh = vTh - el,
            VMin = vMin - el,
            TauM = tauM,
            CM = cM,
            TRef = tRef,
        };
        p.Validate();
        return p;
    }

    /// <summary>NEST's checks, with NEST's sentences.</summary>
    public void Validate()
    {
        if (VReset >= VTh)
        {
            throw new BadPropertyException(ParameterNames.VReset,
                $"Reset potential must be smaller than threshold (V_reset = {StatusDictionary.Describe(VReset + EL)}, V_th = {StatusDictionary.Describe(VTh + EL)}).");
        }

        if (CM <= 0.0)
        {
            throw ParameterReader.Bad(ParameterNames.CM, CM, "Capacitance must be strictly positive.");
        }

        if (!double.IsFinite(1.0 / CM) || !double.IsFinite(TauM / CM))
        {
            throw ParameterReader.Bad(ParameterNames.CM, CM, $"Capacitance is too small to compute with: 1 / C_m and tau_m / C_m must be finite (tau_m = {StatusDictionary.Describe(TauM)}).");
        }

        // Potentials are kept relative to E_L: their differences must be numbers too.
        foreach (var (key, relative, absolute) in new[] { (ParameterNames.VTh, VTh, VTh + EL), (ParameterNames.VReset, VReset, VReset + EL) })
        {
            if (!double.IsFinite(relative))
            {
                throw new BadPropertyException(key,
                    $"{key} - E_L must be a finite number ({key} = {StatusDictionary.Describe(absolute)}, E_L = {StatusDictionary.Describe(EL)}).");
            }
        }

        if (TRef < 0.0)
        {
            throw ParameterReader.Bad(ParameterNames.TRef, TRef, "Refractory time must not be negative.");
        }

        CheckTimeConstant(ParameterNames.TauM, TauM);

        if (VMin > VTh)
        {
            throw new BadPropertyException(ParameterNames.VMin,
                $"Lower bound must not exceed the threshold (V_min = {StatusDictionary.Describe(VMin + EL)}, V_th = {StatusDictionary.Describe(VTh + EL)}).");
        }
    }

    public void Write(StatusDictionary d, bool hasVMin)
    {
        d[ParameterNames.EL] = EL;
        d[ParameterNames.CM] = CM;
        d[ParameterNames.TauM] = TauM;
        d[ParameterNames.TRef] = TRef;
        d[ParameterNames.TauMinus] = TauMinus;
        d[ParameterNames.VTh] = VTh + EL;
        d[ParameterNames.VReset] = VReset + EL;
        if (hasVMin)
        {
            d[ParameterNames.VMin] = VMin + EL;
        }
    }

    /// <summary>A positive time constant, read and checked (tau_syn_ex, tau_syn_in, …).</summary>
    public static double ReadTimeConstant(ParameterReader r, string key, double value)
    {
        r.TryFinite(key, ref value);
        CheckTimeConstant(key, value);
        return value;
    }

    /// <summary>A time constant must be positive and large enough that the propagators (e/tau, 1/tau) are finite.</summary>
    public static void CheckTimeConstant(string key, double value)
    {
        if (value <= 0.0)
        {
            throw ParameterReader.Bad(key, value, "All time constants must be strictly positive.");
        }

        if (!double.IsFinite(Math.E / value))
        {
            throw ParameterReader.Bad(key, value, "The time constant is too small to compute with (e / tau overflows).");
        }
    }
}
