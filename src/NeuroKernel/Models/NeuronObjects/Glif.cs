using System.Runtime.CompilerServices;
using NeuroKernel.Kernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.NeuronObjects;

/// <summary>
/// What NEST's generalized leaky integrate-and-fire models of the Allen Institute (Teeter et al. 2018; <c>glif_psc</c>,
/// <c>glif_cond</c>) share: the membrane (g nS, E_L mV, C_m pF, t_ref ms), a threshold th_inf (V_th) with a spike-induced
/// component θs and a voltage-induced component θv, after-spike currents I_j (asc_*), and NEST's five mechanism
/// combinations GLIF1–5 chosen by the flags spike_dependent_threshold, after_spike_currents and adapting_threshold.
/// Potentials are kept relative to E_L, as in NEST; V_m, V_th and V_reset are reported absolute.
/// </summary>
internal abstract class Glif : NeuronObject
{
    /// <summary>Membrane conductance (nS), resting potential (mV), capacitance (pF), refractory time (ms).</summary>
    protected double G = 9.43, EL = -78.85, CM = 58.72, TRef = 3.75;

    /// <summary>Threshold and reset relative to E_L (mV).</summary>
    protected double ThInf = 27.17, VReset;

    /// <summary>Threshold and reset mechanism parameters (mV, 1/ms, fraction, mV, 1/ms, 1/ms).</summary>
    protected double ThSpikeAdd = 0.37, ThSpikeDecay = 0.009, VoltageResetFraction = 0.20, VoltageResetAdd = 18.51, ThVoltageIndex = 0.005, ThVoltageDecay = 0.09;

    /// <summary>After-spike currents: initial values (pA), decay rates (1/ms), jumps (pA), fractions kept.</summary>
    protected double[] AscInit = [0.0, 0.0], AscDecay = [0.003, 0.1], AscAmps = [-9.18, -198.94], AscR = [1.0, 1.0];

    /// <summary>Synaptic time constants, one per port (ms).</summary>
    protected double[] TauSyn = [2.0];

    /// <summary>The mechanism flags.</summary>
    protected bool SpikeThreshold, AfterSpikeCurrents, AdaptingThreshold;

    /// <summary>The state: potential relative to E_L (mV), threshold components (mV), after-spike currents and their sum (pA).</summary>
    protected double U, ThresholdSpike, ThresholdVoltage, AscSum, Threshold = 27.17;

    /// <summary>The after-spike currents (pA).</summary>
    protected double[] Asc = [0.0, 0.0];

    /// <summary>The stimulus current of the step (pA): what arrived in the previous step.</summary>
    protected double I;

    private double _dThSpike, _dThSpikeRef, _pdr, _ivd, _phi, _ab;
    private double[] _ascE = [], _ascStable = [], _ascR = [];
    private int _refractoryCounts;

    /// <summary>The resolution of the run (ms).</summary>
    protected double H = double.NaN;

    public override int Ports => TauSyn.Length;

    /// <summary>NEST's sentence for a forbidden flag combination (the two models word it differently).</summary>
    protected abstract string CombinationSentence { get; }

    /// <summary>The membrane conductance's key (<c>g</c> or <c>g_m</c>).</summary>
    protected abstract string ConductanceKey { get; }

    public override string[] ReadOnlyKeys => [ParameterNames.HasConnections];

    protected override void CopyArrays()
    {
        (AscInit, AscDecay, AscAmps, AscR, TauSyn, Asc) = ([.. AscInit], [.. AscDecay], [.. AscAmps], [.. AscR], [.. TauSyn], [.. Asc]);
        (_ascE, _ascStable, _ascR) = ([.. _ascE], [.. _ascStable], [.. _ascR]);
        CopyModelArrays();
    }

    /// <summary>Copies what a model adds.</summary>
    protected abstract void CopyModelArrays();

    protected Glif() => AscSum = AscInit.Sum();

    public override void Write(StatusDictionary d)
    {
        d["V_th"] = ThInf + EL;
        d[ConductanceKey] = G;
        d["E_L"] = EL;
        d["C_m"] = CM;
        d["t_ref"] = TRef;
        d["V_reset"] = VReset + EL;
        d["th_spike_add"] = ThSpikeAdd;
        d["th_spike_decay"] = ThSpikeDecay;
        d["voltage_reset_fraction"] = VoltageResetFraction;
        d["voltage_reset_add"] = VoltageResetAdd;
        d["th_voltage_index"] = ThVoltageIndex;
        d["th_voltage_decay"] = ThVoltageDecay;
        d["asc_init"] = AscInit.ToArray();
        d["asc_decay"] = AscDecay.ToArray();
        d["asc_amps"] = AscAmps.ToArray();
        d["asc_r"] = AscR.ToArray();
        d["tau_syn"] = TauSyn.ToArray();
        d[ParameterNames.HasConnections] = HasConnections;
        d["spike_dependent_threshold"] = SpikeThreshold;
        d["after_spike_currents"] = AfterSpikeCurrents;
        d["adapting_threshold"] = AdaptingThreshold;
        d[ParameterNames.TauMinus] = TauMinus;
        d[ParameterNames.VM] = U + EL;
        d["ASCurrents"] = Asc.ToArray();
        d["threshold_spike"] = ThresholdSpike;
        d["threshold_voltage"] = ThresholdVoltage;
        WriteModel(d);
    }

    /// <summary>The model's own entries.</summary>
    protected abstract void WriteModel(StatusDictionary d);

    public override void Read(ParameterReader r)
    {
        double oldEL = EL;
        r.TryFinite("E_L", ref EL);
        double delta = EL - oldEL;
        VReset = Relative(r, "V_reset", VReset, delta);
        ThInf = Relative(r, "V_th", ThInf, delta);
        r.TryFinite(ConductanceKey, ref G);
        r.TryFinite("C_m", ref CM);
        r.TryFinite("t_ref", ref TRef);
        r.TryFinite("th_spike_add", ref ThSpikeAdd);
        r.TryFinite("th_spike_decay", ref ThSpikeDecay);
        r.TryFinite("voltage_reset_fraction", ref VoltageResetFraction);
        r.TryFinite("voltage_reset_add", ref VoltageResetAdd);
        r.TryFinite("th_voltage_index", ref ThVoltageIndex);
        r.TryFinite("th_voltage_decay", ref ThVoltageDecay);
        r.TryDoubleArray("asc_init", ref AscInit);
        r.TryDoubleArray("asc_decay", ref AscDecay);
        r.TryDoubleArray("asc_amps", ref AscAmps);
        r.TryDoubleArray("asc_r", ref AscR);
        r.TryBool("spike_dependent_threshold", ref SpikeThreshold);
        r.TryBool("after_spike_currents", ref AfterSpikeCurrents);
        r.TryBool("adapting_threshold", ref AdaptingThreshold);
        double tauMinus = TauMinus;
        r.TryFinite(ParameterNames.TauMinus, ref tauMinus);
        TauMinus = tauMinus;
        int ports = Ports;
        double[] tauSyn = TauSyn;
        bool newTau = r.TryDoubleArray("tau_syn", ref tauSyn);
        ReadModelParameters(r, out bool newPorts);
        CheckParameters(r, ports, tauSyn, newTau || newPorts);
        TauSyn = tauSyn;
        U = Relative(r, ParameterNames.VM, U, delta);
        ReadState(r);
    }

    /// <summary>A potential kept relative to E_L: the given absolute value minus the new E_L, or the old one moved with E_L.</summary>
    private double Relative(ParameterReader r, string key, double relative, double deltaEL)
    {
        double value = 0.0;
        return r.TryFinite(key, ref value) ? value - EL : relative - deltaEL;
    }

    /// <summary>Reads the model's own parameters (glif_cond's E_rev); <paramref name="newPorts"/> when a port array was given.</summary>
    protected abstract void ReadModelParameters(ParameterReader r, out bool newPorts);

    /// <summary>NEST's checks in the model's order.</summary>
    protected abstract void CheckParameters(ParameterReader r, int ports, double[] tauSyn, bool portsGiven);

    /// <summary>GLIF1 (no flag), GLIF2 (spike), GLIF3 (currents), GLIF4 (spike, currents), GLIF5 (all three) are NEST's models.</summary>
    protected void CheckCombination()
    {
        bool allowed = (SpikeThreshold, AfterSpikeCurrents, AdaptingThreshold) is (false, false, false) or (true, false, false) or (false, true, false)
            or (true, true, false) or (true, true, true);
        if (!allowed)
        {
            throw new BadPropertyException("spike_dependent_threshold",
                $"{CombinationSentence} (spike_dependent_threshold = {SpikeThreshold}, after_spike_currents = {AfterSpikeCurrents}, adapting_threshold = {AdaptingThreshold})");
        }
    }

    /// <summary>The after-spike currents' checks (sizes, then each decay rate and fraction).</summary>
    protected void CheckAfterSpikeCurrents()
    {
        if (!AfterSpikeCurrents)
        {
            return;
        }

        int n = AscDecay.Length;
        if (AscInit.Length != n || AscAmps.Length != n || AscR.Length != n)
        {
            throw new BadPropertyException("asc_decay",
                $"All after spike current parameters (i.e., asc_init, k, asc_amps, r) must have the same size. (asc_init {AscInit.Length}, asc_decay {n}, asc_amps {AscAmps.Length}, asc_r {AscR.Length})");
        }

        for (int j = 0; j < n; j++)
        {
            if (AscDecay[j] <= 0.0)
            {
                throw ParameterReader.Bad("asc_decay", AscDecay[j], "After-spike current time constant must be strictly positive.");
            }

            if (AscR[j] < 0.0 || AscR[j] > 1.0)
            {
                throw ParameterReader.Bad("asc_r", AscR[j], "After spike current fraction following spike coefficients r must be within [0.0, 1.0].");
            }
        }
    }

    /// <summary>The membrane checks (reset below threshold, C_m, g, t_ref).</summary>
    protected void CheckMembrane()
    {
        if (VReset >= ThInf)
        {
            throw ParameterReader.Bad("V_reset", VReset + EL, "Reset potential must be smaller than threshold.");
        }

        if (CM <= 0.0)
        {
            throw ParameterReader.Bad("C_m", CM, "Capacitance must be strictly positive.");
        }

        if (G <= 0.0)
        {
            throw ParameterReader.Bad(ConductanceKey, G, "Membrane conductance must be strictly positive.");
        }

        if (TRef <= 0.0)
        {
            throw ParameterReader.Bad("t_ref", TRef, "Refractory time constant must be strictly positive.");
        }
    }

    /// <summary>The threshold mechanisms' checks.</summary>
    protected void CheckVoltageThreshold()
    {
        if (AdaptingThreshold && ThVoltageDecay <= 0.0)
        {
            throw ParameterReader.Bad("th_voltage_decay", ThVoltageDecay, "Voltage-induced threshold time constant must be strictly positive.");
        }
    }

    /// <summary>The spike-induced threshold's checks.</summary>
    protected void CheckSpikeThreshold()
    {
        if (!SpikeThreshold)
        {
            return;
        }

        if (ThSpikeDecay <= 0.0)
        {
            throw ParameterReader.Bad("th_spike_decay", ThSpikeDecay, "Spike induced threshold time constant must be strictly positive.");
        }

        if (VoltageResetFraction < 0.0 || VoltageResetFraction > 1.0)
        {
            throw ParameterReader.Bad("voltage_reset_fraction", VoltageResetFraction, "Voltage fraction coefficient following spike must be within [0.0, 1.0].");
        }
    }

    /// <summary>The synaptic time constants' checks (a neuron with connections keeps its number of ports).</summary>
    protected void CheckTauSyn(int ports, double[] tauSyn)
    {
        CheckPortCountChange("tau_syn", ports, tauSyn.Length);
        foreach (double tau in tauSyn)
        {
            if (tau <= 0.0)
            {
                throw ParameterReader.Bad("tau_syn", tau, "All synaptic time constants must be strictly positive.");
            }
        }
    }

    private void ReadState(ParameterReader r)
    {
        double[] asc = Asc;
        if (r.TryDoubleArray("ASCurrents", ref asc))
        {
            if (!AfterSpikeCurrents)
            {
                throw new BadPropertyException("ASCurrents", "After spike currents are not supported or settable in the current model mechanisms.");
            }

            if (asc.Length != AscDecay.Length)
            {
                throw new BadPropertyException("ASCurrents",
                    $"After spike current values must have have the same size ({AscDecay.Length}) of its parameters (i.e., asc_init, k, asc_amps, r). (ASCurrents has {asc.Length} elements)");
            }

            Asc = asc;
        }

        double spike = ThresholdSpike, voltage = ThresholdVoltage;
        if (r.TryFinite("threshold_spike", ref spike) && !SpikeThreshold)
        {
            throw new BadPropertyException("threshold_spike", "Threshold spike component is not supported or settable in the current model mechanisms.");
        }

        if (r.TryFinite("threshold_voltage", ref voltage) && !AdaptingThreshold)
        {
            throw new BadPropertyException("threshold_voltage", "Threshold voltage component is not supported or settable in the current model mechanisms.");
        }

        (ThresholdSpike, ThresholdVoltage) = (spike, voltage);
    }

    public override void Prepare(TimeGrid grid)
    {
        H = grid.Resolution;
        // NEST's Time(ms).get_steps(): round to tics, then up to whole steps.
        long tics = (long)Math.Floor((TRef * TimeGrid.TicsPerMs) + 0.5);
        _refractoryCounts = (int)((tics + grid.TicsPerStep - 1) / grid.TicsPerStep);
        if (SpikeThreshold)
        {
            _dThSpike = Math.Exp(-ThSpikeDecay * H);
            _dThSpikeRef = Math.Exp(-ThSpikeDecay * TRef);
        }

        if (AfterSpikeCurrents)
        {
            int n = AscDecay.Length;
            (_ascE, _ascStable, _ascR) = (new double[n], new double[n], new double[n]);
            for (int j = 0; j < n; j++)
            {
                _ascE[j] = Math.Exp(-AscDecay[j] * H);
                _ascStable[j] = 1.0 / AscDecay[j] / H * (1.0 - _ascE[j]);
                _ascR[j] = AscR[j] * Math.Exp(-AscDecay[j] * TRef);
            }

            if (Asc.Length != n)
            {
                Asc = Asc.Length == 0 ? [.. AscInit] : NeuronArrays.Resized(Asc, n);
            }
        }

        if (AdaptingThreshold)
        {
            _pdr = Math.Exp(-G * H / CM);
            _ivd = 1.0 / Math.Exp(ThVoltageDecay * H);
            _phi = ThVoltageIndex / (ThVoltageDecay - (G / CM));
            _ab = ThVoltageIndex / ThVoltageDecay;
        }

        PrepareModel(grid);
    }

    /// <summary>The model's constants for a run.</summary>
    protected abstract void PrepareModel(TimeGrid grid);

    /// <summary>
    /// The first part of a step outside refractoriness: θs decays, and the after-spike currents give their step's mean
    /// (<see cref="AscSum"/>) and decay.
    /// </summary>
    protected void DecayMechanisms()
    {
        if (SpikeThreshold)
        {
            ThresholdSpike *= _dThSpike;
        }

        AscSum = 0.0;
        if (AfterSpikeCurrents)
        {
            for (int j = 0; j < Asc.Length; j++)
            {
                AscSum += _ascStable[j] * Asc[j];
                Asc[j] *= _ascE[j];
            }
        }
    }

    /// <summary>
    /// After the membrane moved from <paramref name="vOld"/> to <see cref="U"/> (relative mV), outside refractoriness: θv
    /// follows, and U above the threshold fires with the reset rules of GLIF1/3 (V_reset) or GLIF2/4/5 (a fraction of the
    /// old potential plus voltage_reset_add, θs jumps), the after-spike currents jump. Returns 1 when it fired.
    /// </summary>
    protected int ThresholdAndSpike(double vOld)
    {
        if (AdaptingThreshold)
        {
            double beta = (I + AscSum) / G;
            ThresholdVoltage = (_phi * (vOld - beta) * _pdr) + (_ivd * (ThresholdVoltage - (_phi * (vOld - beta)) - (_ab * beta))) + (_ab * beta);
        }

        Threshold = ThresholdSpike + ThresholdVoltage + ThInf;
        if (!(U > Threshold))
        {
            return 0;
        }

        Refractory = _refractoryCounts;
        if (AfterSpikeCurrents)
        {
            for (int j = 0; j < Asc.Length; j++)
            {
                Asc[j] = AscAmps[j] + (Asc[j] * _ascR[j]);
            }
        }

        if (!SpikeThreshold)
        {
            U = VReset;
        }
        else
        {
            U = (VoltageResetFraction * vOld) + VoltageResetAdd;
            ThresholdSpike = (ThresholdSpike * _dThSpikeRef) + ThSpikeAdd;
            Threshold = ThresholdSpike + ThresholdVoltage + ThInf;
        }

        return 1;
    }

    /// <summary>A refractory step: the count goes down, U is held at <paramref name="vOld"/>, the mechanisms are frozen.</summary>
    protected void HoldRefractory(double vOld)
    {
        Refractory--;
        U = vOld;
        Threshold = ThresholdSpike + ThresholdVoltage + ThInf;
    }

    public override double Record(string name) => name switch
    {
        ParameterNames.VM => U + EL,
        "ASCurrents_sum" => AscSum,
        "I" => I,
        "threshold" => Threshold + EL,
        "threshold_spike" => ThresholdSpike,
        "threshold_voltage" => ThresholdVoltage,
        _ => RecordModel(name),
    };

    /// <summary>The model's own recordables.</summary>
    protected abstract double RecordModel(string name);
}

/// <summary>Array helpers of the per-neuron models.</summary>
internal static class NeuronArrays
{
    /// <summary><paramref name="values"/> resized to <paramref name="n"/>: kept where they exist, new ones 0 (std::vector::resize).</summary>
    public static double[] Resized(double[] values, int n)
    {
        if (values.Length == n)
        {
            return values;
        }

        var next = new double[n];
        values.AsSpan(0, Math.Min(n, values.Length)).CopyTo(next);
        return next;
    }
}

/// <summary>
/// NEST's <c>glif_psc</c>: <see cref="Glif"/> with alpha-shaped synaptic currents, one per port (tau_syn; a spike of weight
/// w pA makes a current peaking at w pA after tau_syn), integrated exactly (IAFPropagatorAlpha, NEST's order).
/// </summary>
internal sealed class GlifPsc : Glif
{
    private double[] _y1 = [], _y2 = [], _p11 = [], _p21 = [], _p31 = [], _p32 = [], _jump = [];
    private double _p33, _p30, _iSyn;

    protected override string CombinationSentence =>
        "Incorrect model mechanism combination setting.See documentation for setting of model mechanism parameters:spike_dependent_threshold, after_spike_currents, adapting_threshold.";

    protected override string ConductanceKey => "g";

    public override string[] FixedRecordables => [ParameterNames.VM, "ASCurrents_sum", "I", "I_syn", "threshold", "threshold_spike", "threshold_voltage"];

    protected override void CopyModelArrays() =>
        (_y1, _y2, _p11, _p21, _p31, _p32, _jump) = ([.. _y1], [.. _y2], [.. _p11], [.. _p21], [.. _p31], [.. _p32], [.. _jump]);

    protected override void WriteModel(StatusDictionary d) { }

    protected override void ReadModelParameters(ParameterReader r, out bool newPorts) => newPorts = false;

    protected override void CheckParameters(ParameterReader r, int ports, double[] tauSyn, bool portsGiven)
    {
        CheckCombination();
        CheckAfterSpikeCurrents();
        CheckMembrane();
        CheckVoltageThreshold();
        CheckSpikeThreshold();
        if (portsGiven)
        {
            CheckTauSyn(ports, tauSyn);
        }
    }

    protected override void PrepareModel(TimeGrid grid)
    {
        int n = Ports;
        double tauM = CM / G;
        _p33 = Math.Exp(-H / tauM);
        _p30 = 1.0 / CM * (1.0 - _p33) * tauM;
        (_y1, _y2) = (NeuronArrays.Resized(_y1, n), NeuronArrays.Resized(_y2, n));
        (_p11, _p21, _p31, _p32, _jump) = (new double[n], new double[n], new double[n], new double[n], new double[n]);
        for (int i = 0; i < n; i++)
        {
            _p11[i] = Math.Exp(-H / TauSyn[i]);
            _p21[i] = H * _p11[i];
            (_p31[i], _p32[i]) = NestPropagators.IafAlpha(TauSyn[i], tauM, CM, H);
            _jump[i] = Math.E / TauSyn[i];
        }
    }

    public override int Update(ReadOnlySpan<double> input, double current)
    {
        double vOld = U;
        int fired = 0;
        if (Refractory == 0)
        {
            DecayMechanisms();
            Advance(AscSum);
            fired = ThresholdAndSpike(vOld);
        }
        else
        {
            HoldRefractory(vOld);
        }

        for (int i = 0; i < _y1.Length; i++)
        {
            _y2[i] = (_p21[i] * _y1[i]) + (_p11[i] * _y2[i]);
            _y1[i] *= _p11[i];
            _y1[i] += _jump[i] * input[i];
        }

        I = current;
        return fired;
    }

    private void Advance(double ascSum)
    {
        double vOld = U;
        U = (vOld * _p33) + ((I + ascSum) * _p30);
        _iSyn = 0.0;
        for (int i = 0; i < _y1.Length; i++)
        {
            U += (_p31[i] * _y1[i]) + (_p32[i] * _y2[i]);
            _iSyn += _y2[i];
        }
    }

    protected override double RecordModel(string name) => name == "I_syn" ? _iSyn : throw new ArgumentOutOfRangeException(nameof(name));
}

/// <summary>
/// NEST's <c>glif_cond</c>: <see cref="Glif"/> with alpha-shaped conductances, one per port (tau_syn ms, E_rev mV; a spike of
/// weight w nS makes a conductance peaking at w nS after tau_syn), integrated by RKF45 with GSL's control on the values
/// (absolute tolerance 1e-3, first step h); the threshold mechanics follow the integration, the step's spikes come last.
/// </summary>
internal sealed class GlifCond : Glif
{
    private double[] _eRev = [0.0, -85.0];
    private double[] _y = [0.0, 0.0, 0.0, 0.0, 0.0];
    private double[] _jump = [];
    private double[] _scratch = [];
    private double _step = double.NaN;

    public GlifCond() => TauSyn = [0.2, 2.0];

    protected override string CombinationSentence =>
        "Incorrect model mechanism combination setting.See documents for setting of model mechanism parameters:spike_dependent_threshold, after_spike_currents, adapting_threshold.";

    protected override string ConductanceKey => "g_m";

    public override string[] FixedRecordables => [ParameterNames.VM, "I", "ASCurrents_sum", "threshold", "threshold_spike", "threshold_voltage"];

    public override string? PortRecordablePrefix => "g_";

    public override string[] ReadOnlyKeys => [ParameterNames.HasConnections, "dg", "g"];

    protected override void CopyModelArrays()
    {
        (_eRev, _y, _jump) = ([.. _eRev], [.. _y], [.. _jump]);
        _scratch = [];
    }

    protected override void WriteModel(StatusDictionary d)
    {
        d["E_rev"] = _eRev.ToArray();
        int ports = (_y.Length - 1) / 2;
        d["dg"] = Enumerable.Range(0, ports).Select(k => _y[1 + (2 * k)]).ToArray();
        d["g"] = Enumerable.Range(0, ports).Select(k => _y[2 + (2 * k)]).ToArray();
    }

    protected override void ReadModelParameters(ParameterReader r, out bool newPorts) => newPorts = r.TryDoubleArray("E_rev", ref _eRev);

    protected override void CheckParameters(ParameterReader r, int ports, double[] tauSyn, bool portsGiven)
    {
        CheckCombination();
        CheckMembrane();
        CheckSpikeThreshold();
        CheckAfterSpikeCurrents();
        CheckVoltageThreshold();
        if (portsGiven)
        {
            if (_eRev.Length != tauSyn.Length)
            {
                throw new BadPropertyException("E_rev",
                    $"The reversal potential and synaptic time constant arrays, i.e., E_rev ({_eRev.Length}) and tau_syn ({tauSyn.Length}), must have the same size.");
            }

            CheckTauSyn(ports, tauSyn);
        }
    }

    protected override void PrepareModel(TimeGrid grid)
    {
        int n = Ports;
        _jump = [.. TauSyn.Select(tau => Math.E / tau)];
        _y = NeuronArrays.Resized(_y, 1 + (2 * n));
        _scratch = new double[Rkf45.ScratchLength(_y.Length)];
        if (double.IsNaN(_step))
        {
            _step = H;
        }
    }

    public override int Update(ReadOnlySpan<double> input, double current)
    {
        double vOld = U;
        _y[0] = U;
        var system = new Dynamics(this);
        var control = StepControl.OnValues(1e-3, 0.0);
        Rkf45.Advance(ref system, _y, H, ref _step, in control, _scratch);
        U = _y[0];
        int fired = 0;
        if (Refractory == 0)
        {
            DecayMechanisms();
            fired = ThresholdAndSpike(vOld);
        }
        else
        {
            HoldRefractory(vOld);
        }

        _y[0] = U;
        for (int i = 0; i < input.Length; i++)
        {
            _y[1 + (2 * i)] += input[i] * _jump[i];
        }

        I = current;
        return fired;
    }

    protected override double RecordModel(string name)
    {
        int port = PortOf(name);
        int at = 2 * port;
        return port == 0 ? throw new ArgumentOutOfRangeException(nameof(name)) : at < _y.Length ? _y[at] : 0.0;
    }

    /// <summary>NEST's glif_cond_dynamics: the membrane relative to E_L (held while refractory), alpha conductances as two states each.</summary>
    private readonly struct Dynamics(GlifCond n) : IOdeSystem
    {
        private readonly double _g = n.G, _cM = n.CM, _eL = n.EL, _vReset = n.VReset, _i = n.I, _ascSum = n.AscSum;
        private readonly double[] _eRev = n._eRev, _tauSyn = n.TauSyn;
        private readonly bool _refractory = n.Refractory > 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Derivatives(ReadOnlySpan<double> y, Span<double> f)
        {
            double v = _refractory ? _vReset : y[0];
            double iSyn = 0.0;
            for (int k = 0; k < _eRev.Length; k++)
            {
                iSyn += y[2 + (2 * k)] * (v + _eL - _eRev[k]);
            }

            f[0] = _refractory ? 0.0 : ((-_g * v) - iSyn + _i + _ascSum) / _cM;
            for (int k = 0; k < _eRev.Length; k++)
            {
                int j = 1 + (2 * k);
                f[j] = -y[j] / _tauSyn[k];
                f[j + 1] = y[j] - (y[j + 1] / _tauSyn[k]);
            }
        }
    }
}
