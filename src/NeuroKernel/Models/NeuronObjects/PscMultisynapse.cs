using NeuroKernel.Kernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.NeuronObjects;

/// <summary>
/// What NEST's <c>iaf_psc_exp_multisynapse</c> and <c>iaf_psc_alpha_multisynapse</c> share: a leaky integrate-and-fire
/// membrane (C_m pF, tau_m ms, E_L mV, I_e pA, V_th and V_reset mV, t_ref ms) with one synaptic current per port, whose
/// time constants <c>tau_syn</c> (ms) set the number of ports. As in NEST, the potentials are kept relative to E_L: a new
/// E_L moves V_m, V_th and V_reset along unless they are given too.
/// </summary>
internal abstract class PscMultisynapse : NeuronObject
{
    /// <summary>Membrane time constant (ms), capacitance (pF), refractory time (ms), resting potential (mV), constant current (pA).</summary>
    protected double TauM = 10.0, CM = 250.0, TRef = 2.0, EL = -70.0, IE;

    /// <summary>Reset potential, threshold and the lower bound of V, relative to E_L (mV).</summary>
    protected double VReset, Theta = 15.0, VMin = double.NegativeInfinity;

    /// <summary>The membrane potential relative to E_L (mV).</summary>
    protected double V;

    /// <summary>The current from current generators that arrived in the previous step (pA), as NEST applies it.</summary>
    protected double Stimulus;

    /// <summary>Synaptic time constants, one per port (ms).</summary>
    protected double[] TauSyn = [2.0];

    /// <summary>Refractory steps after a spike.</summary>
    protected int RefractoryCounts;

    public override int Ports => TauSyn.Length;

    public override string PortCountKey => "n_synapses";

    public override string[] FixedRecordables => ["I_syn", ParameterNames.VM];

    public override string PortRecordablePrefix => "I_syn_";

    /// <summary>Whether the model has NEST's <c>V_min</c> (iaf_psc_alpha_multisynapse).</summary>
    protected abstract bool HasLowerBound { get; }

    /// <summary>NEST's sentence for a capacitance ≤ 0 (the two models word it differently).</summary>
    protected abstract string CapacitanceSentence { get; }

    /// <summary>Model-specific checks of the new time constants (iaf_psc_exp_multisynapse: tau_syn ≠ tau_m).</summary>
    protected virtual void CheckTauSyn(double[] tauSyn) { }

    public override void Write(StatusDictionary d)
    {
        d["E_L"] = EL;
        d["I_e"] = IE;
        d["V_th"] = Theta + EL;
        d["V_reset"] = VReset + EL;
        d["C_m"] = CM;
        d["tau_m"] = TauM;
        d["t_ref"] = TRef;
        if (HasLowerBound)
        {
            d["V_min"] = VMin + EL;
        }

        d["tau_syn"] = TauSyn.ToArray();
        d[ParameterNames.VM] = V + EL;
        d[ParameterNames.TauMinus] = TauMinus;
    }

    public override void Read(ParameterReader r)
    {
        double oldEL = EL;
        r.TryFinite("E_L", ref EL);
        double deltaEL = EL - oldEL;
        VReset = Relative(r, "V_reset", VReset, deltaEL);
        Theta = Relative(r, "V_th", Theta, deltaEL);
        if (HasLowerBound)
        {
            double vMin = VMin + oldEL;
            VMin = r.TryDouble("V_min", ref vMin) ? vMin - EL : VMin - deltaEL;
        }

        r.TryFinite("I_e", ref IE);
        r.TryFinite("C_m", ref CM);
        r.TryFinite("tau_m", ref TauM);
        r.TryFinite("t_ref", ref TRef);
        double tauMinus = TauMinus;
        r.TryFinite(ParameterNames.TauMinus, ref tauMinus);
        TauMinus = tauMinus;
        if (CM <= 0.0)
        {
            throw ParameterReader.Bad("C_m", CM, CapacitanceSentence);
        }

        if (TauM <= 0.0)
        {
            throw ParameterReader.Bad("tau_m", TauM, "Membrane time constant must be strictly positive.");
        }

        double[] tauSyn = TauSyn;
        if (r.TryDoubleArray("tau_syn", ref tauSyn))
        {
            CheckPortCountChange("tau_syn", TauSyn.Length, tauSyn.Length);
            foreach (double tau in tauSyn)
            {
                if (tau <= 0.0)
                {
                    throw ParameterReader.Bad("tau_syn", tau, "All synaptic time constants must be strictly positive.");
                }
            }

            CheckTauSyn(tauSyn);
            TauSyn = tauSyn;
        }

        if (TRef < 0.0)
        {
            throw ParameterReader.Bad("t_ref", TRef, "Refractory time must not be negative.");
        }

        if (VReset >= Theta)
        {
            throw ParameterReader.Bad("V_reset", VReset + EL, "Reset potential must be smaller than threshold.");
        }

        if (TauMinus <= 0.0)
        {
            throw ParameterReader.Bad(ParameterNames.TauMinus, TauMinus, "All time constants must be strictly positive.");
        }

        V = Relative(r, ParameterNames.VM, V, deltaEL);
    }

    /// <summary>A potential kept relative to E_L: the given absolute value minus the new E_L, or the old one moved with E_L.</summary>
    private double Relative(ParameterReader r, string key, double relative, double deltaEL)
    {
        double value = 0.0;
        return r.TryFinite(key, ref value) ? value - EL : relative - deltaEL;
    }

    public override void Prepare(TimeGrid grid)
    {
        RefractoryCounts = (int)grid.RoundHalfUp(TRef);
        PreparePorts(grid.Resolution);
    }

    /// <summary>Propagators and per-port state sized to the ports (new ports start at 0; NEST's pre_run_hook).</summary>
    protected abstract void PreparePorts(double h);

    /// <summary>The spike at the end of the step: at or above threshold, V → V_reset and refractoriness. Returns 1 when it fired.</summary>
    protected int Threshold()
    {
        if (V >= Theta)
        {
            Refractory = RefractoryCounts;
            V = VReset;
            return 1;
        }

        return 0;
    }

    public override double Record(string name)
    {
        if (name == ParameterNames.VM)
        {
            return V + EL;
        }

        if (name == "I_syn")
        {
            // The sum of the ports' currents at the end of the step (what NEST 3.9 records, also while refractory).
            double sum = 0.0;
            for (int k = 0; k < Ports; k++)
            {
                sum += PortCurrent(k);
            }

            return sum;
        }

        int port = PortOf(name);
        return port > 0 ? PortCurrent(port - 1) : throw new ArgumentOutOfRangeException(nameof(name));
    }

    /// <summary>The synaptic current of port index <paramref name="k"/> (pA; 0 for a port added since the last run).</summary>
    protected abstract double PortCurrent(int k);
}

/// <summary>
/// NEST's <c>iaf_psc_exp_multisynapse</c>: exponentially decaying synaptic currents, one per port (I_syn_k, pA; a spike of
/// weight w pA adds w), integrated exactly in NEST's order (membrane, then the currents, then the threshold).
/// </summary>
internal sealed class IafPscExpMultisynapse : PscMultisynapse
{
    private double[] _iSyn = [];
    private double[] _p11 = [];
    private double[] _p21 = [];
    private double _p22, _p20;

    protected override bool HasLowerBound => false;

    protected override string CapacitanceSentence => "Capacitance must be > 0.";

    protected override void CheckTauSyn(double[] tauSyn)
    {
        foreach (double tau in tauSyn)
        {
            if (tau == TauM)
            {
                throw ParameterReader.Bad("tau_syn", tau, "Membrane and synapse time constant(s) must differ. See note in documentation.");
            }
        }
    }

    protected override void CopyArrays()
    {
        TauSyn = [.. TauSyn];
        _iSyn = [.. _iSyn];
        _p11 = [.. _p11];
        _p21 = [.. _p21];
    }

    protected override void PreparePorts(double h)
    {
        int n = Ports;
        _iSyn = NeuronArrays.Resized(_iSyn, n);
        _p11 = new double[n];
        _p21 = new double[n];
        _p22 = Math.Exp(-h / TauM);
        _p20 = TauM / CM * (1.0 - _p22);
        for (int k = 0; k < n; k++)
        {
            _p11[k] = Math.Exp(-h / TauSyn[k]);
            _p21[k] = NestPropagators.IafExp(TauSyn[k], TauM, CM, h);
        }
    }

    public override int Update(ReadOnlySpan<double> input, double current)
    {
        var iSyn = _iSyn;
        if (Refractory == 0)
        {
            V = (V * _p22) + ((IE + Stimulus) * _p20);
            for (int k = 0; k < iSyn.Length; k++)
            {
                V += _p21[k] * iSyn[k];
            }
        }
        else
        {
            Refractory--;
        }

        for (int k = 0; k < iSyn.Length; k++)
        {
            iSyn[k] *= _p11[k];
            iSyn[k] += input[k];
        }

        int fired = Threshold();
        Stimulus = current;
        return fired;
    }

    protected override double PortCurrent(int k) => k < _iSyn.Length ? _iSyn[k] : 0.0;
}

/// <summary>
/// NEST's <c>iaf_psc_alpha_multisynapse</c>: alpha-shaped synaptic currents, one per port (I_syn_k, pA; a spike of weight
/// w pA makes a current that peaks at w pA after tau_syn), V bounded below by V_min, integrated exactly in NEST's order.
/// </summary>
internal sealed class IafPscAlphaMultisynapse : PscMultisynapse
{
    private double[] _y1 = [];
    private double[] _y2 = [];
    private double[] _p11 = [];
    private double[] _p21 = [];
    private double[] _p31 = [];
    private double[] _p32 = [];
    private double[] _jump = [];
    private double _p33, _p30;

    protected override bool HasLowerBound => true;

    protected override string CapacitanceSentence => "Capacitance must be strictly positive.";

    protected override void CopyArrays()
    {
        TauSyn = [.. TauSyn];
        _y1 = [.. _y1];
        _y2 = [.. _y2];
        _p11 = [.. _p11];
        _p21 = [.. _p21];
        _p31 = [.. _p31];
        _p32 = [.. _p32];
        _jump = [.. _jump];
    }

    protected override void PreparePorts(double h)
    {
        int n = Ports;
        _y1 = NeuronArrays.Resized(_y1, n);
        _y2 = NeuronArrays.Resized(_y2, n);
        (_p11, _p21, _p31, _p32, _jump) = (new double[n], new double[n], new double[n], new double[n], new double[n]);
        _p33 = Math.Exp(-h / TauM);
        _p30 = 1.0 / CM * (1.0 - _p33) * TauM;
        for (int k = 0; k < n; k++)
        {
            _p11[k] = Math.Exp(-h / TauSyn[k]);
            _p21[k] = h * _p11[k];
            (_p31[k], _p32[k]) = NestPropagators.IafAlpha(TauSyn[k], TauM, CM, h);
            _jump[k] = Math.E / TauSyn[k];
        }
    }

    public override int Update(ReadOnlySpan<double> input, double current)
    {
        var (y1, y2) = (_y1, _y2);
        if (Refractory == 0)
        {
            V = (_p30 * (Stimulus + IE)) + (_p33 * V);
            for (int k = 0; k < y1.Length; k++)
            {
                V += (_p31[k] * y1[k]) + (_p32[k] * y2[k]);
            }

            V = V < VMin ? VMin : V;
        }
        else
        {
            Refractory--;
        }

        for (int k = 0; k < y1.Length; k++)
        {
            y2[k] = (_p21[k] * y1[k]) + (_p11[k] * y2[k]);
            y1[k] *= _p11[k];
            y1[k] += _jump[k] * input[k];
        }

        int fired = Threshold();
        Stimulus = current;
        return fired;
    }

    protected override double PortCurrent(int k) => k < _y2.Length ? _y2[k] : 0.0;
}
