using System.Runtime.CompilerServices;
using NeuroKernel.Kernel;
using NeuroKernel.Models.Ode;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.NeuronObjects;

/// <summary>
/// NEST's <c>aeif_cond_beta_multisynapse</c>: the adaptive exponential integrate-and-fire neuron (Brette and Gerstner
/// 2005; C_m pF, g_L nS, E_L, V_th, V_peak, V_reset and Delta_T mV, a nS, b pA, tau_w ms) with one beta-shaped conductance
/// per port (reversal potential E_rev mV, tau_rise and tau_decay ms; a spike of weight w nS makes a conductance that peaks
/// at w nS). Integrated by RKF45 with GSL's control on the derivatives (gsl_error_tol), in NEST's order: integrator steps
/// with the spike test after each, the refractory count-down, then the step's spikes.
/// </summary>
/// <remarks>
/// The state vector is NEST's: V_m, w, then dg and g of each port. Weights must be ≥ 0 (inhibition comes from E_rev): a
/// negative weight raises NEST's <see cref="BadPropertyException"/> when its spike arrives, as in NEST.
/// </remarks>
internal sealed class AeifCondBetaMultisynapse : NeuronObject
{
    private const int V = 0, W = 1, Fixed = 2, PerPort = 2, Dg = 0, G = 1;
    private const string Name = "aeif_cond_beta_multisynapse";

    private double _cM = 281.0, _deltaT = 2.0, _eL = -70.6, _iE, _vPeak, _vReset = -60.0, _vTh = -50.4;
    private double _a = 4.0, _b = 80.5, _gL = 30.0, _tolerance = 1e-6, _tRef, _tauW = 144.0;
    private double[] _eRev = [0.0];
    private double[] _tauRise = [2.0];
    private double[] _tauDecay = [20.0];
    private double[] _y = [-70.6, 0.0, 0.0, 0.0];
    private double[] _jump = [];
    private double[] _scratch = [];
    private OdeNeuronState _s = new() { Step = double.NaN };
    private double _resolution = double.NaN, _spikeAt;
    private long _refractorySteps;

    public override int Ports => _eRev.Length;

    public override bool RefusesNegativeWeights => true;

    public override string PortCountKey => "n_receptors";

    public override string[] FixedRecordables => [ParameterNames.VM, "w"];

    public override string PortRecordablePrefix => "g_";

    public override string[] ReadOnlyKeys => ["dg", "g"];

    protected override void CopyArrays()
    {
        (_eRev, _tauRise, _tauDecay, _y, _jump) = ([.. _eRev], [.. _tauRise], [.. _tauDecay], [.. _y], [.. _jump]);
        _scratch = [];
    }

    public override void Write(StatusDictionary d)
    {
        d["C_m"] = _cM;
        d["V_th"] = _vTh;
        d["t_ref"] = _tRef;
        d["g_L"] = _gL;
        d["E_L"] = _eL;
        d["V_reset"] = _vReset;
        d["E_rev"] = _eRev.ToArray();
        d["tau_rise"] = _tauRise.ToArray();
        d["tau_decay"] = _tauDecay.ToArray();
        d["a"] = _a;
        d["b"] = _b;
        d["Delta_T"] = _deltaT;
        d["tau_w"] = _tauW;
        d["I_e"] = _iE;
        d["V_peak"] = _vPeak;
        d["gsl_error_tol"] = _tolerance;
        d[ParameterNames.TauMinus] = TauMinus;
        d[ParameterNames.VM] = _y[V];
        d["w"] = _y[W];
        int ports = (_y.Length - Fixed) / PerPort;
        d["dg"] = Enumerable.Range(0, ports).Select(k => _y[Fixed + (PerPort * k) + Dg]).ToArray();
        d["g"] = Enumerable.Range(0, ports).Select(k => _y[Fixed + (PerPort * k) + G]).ToArray();
    }

    public override void Read(ParameterReader r)
    {
        r.TryFinite("V_th", ref _vTh);
        r.TryFinite("V_peak", ref _vPeak);
        r.TryFinite("t_ref", ref _tRef);
        r.TryFinite("E_L", ref _eL);
        r.TryFinite("V_reset", ref _vReset);
        r.TryFinite("C_m", ref _cM);
        r.TryFinite("g_L", ref _gL);
        ReadPorts(r);
        r.TryFinite("a", ref _a);
        r.TryFinite("b", ref _b);
        r.TryFinite("Delta_T", ref _deltaT);
        r.TryFinite("tau_w", ref _tauW);
        r.TryFinite("I_e", ref _iE);
        r.TryFinite("gsl_error_tol", ref _tolerance);
        double tauMinus = TauMinus;
        r.TryFinite(ParameterNames.TauMinus, ref tauMinus);
        TauMinus = tauMinus;

        Aeif.PeakAboveThreshold(_vPeak, _vTh);
        Aeif.ResetBelowPeak(_vReset, _vPeak, "Ensure that: V_reset < V_peak .");
        Aeif.SlopeFactor(_deltaT, _vPeak, _vTh);
        if (_cM <= 0.0)
        {
            throw ParameterReader.Bad("C_m", _cM, "Capacitance must be strictly positive.");
        }

        OdeChecks.RefractoryTime(_tRef);
        OdeChecks.TimeConstants(("tau_w", _tauW), (ParameterNames.TauMinus, TauMinus));
        OdeChecks.ErrorTolerance(_tolerance);
        r.TryFinite(ParameterNames.VM, ref _y[V]);
        r.TryFinite("w", ref _y[W]);
    }

    /// <summary>The three receptor arrays, in NEST's rules: a new number of ports needs all three, of one length.</summary>
    private void ReadPorts(ParameterReader r)
    {
        int before = Ports;
        bool eRev = r.TryDoubleArray("E_rev", ref _eRev);
        bool rise = r.TryDoubleArray("tau_rise", ref _tauRise);
        bool decay = r.TryDoubleArray("tau_decay", ref _tauDecay);
        if (!(eRev || rise || decay))
        {
            return;
        }

        if ((_eRev.Length != before || _tauRise.Length != before || _tauDecay.Length != before) && !(eRev && rise && decay))
        {
            throw new BadPropertyException(eRev ? "E_rev" : rise ? "tau_rise" : "tau_decay",
                $"If the number of receptor ports is changed, all three arrays E_rev, tau_rise and tau_decay must be provided. (E_rev has {_eRev.Length}, tau_rise {_tauRise.Length}, tau_decay {_tauDecay.Length} elements; the neuron has {before} ports.)");
        }

        if (_eRev.Length != _tauRise.Length || _eRev.Length != _tauDecay.Length)
        {
            throw new BadPropertyException("E_rev",
                $"The reversal potential, synaptic rise time and synaptic decay time arrays must have the same size. (E_rev has {_eRev.Length}, tau_rise {_tauRise.Length}, tau_decay {_tauDecay.Length} elements.)");
        }

        CheckPortCountChange("tau_rise", before, _tauRise.Length, onlyFewer: true);
        for (int k = 0; k < _tauRise.Length; k++)
        {
            if (_tauRise[k] <= 0.0 || _tauDecay[k] <= 0.0)
            {
                throw ParameterReader.Bad(_tauRise[k] <= 0.0 ? "tau_rise" : "tau_decay", Math.Min(_tauRise[k], _tauDecay[k]), "All synaptic time constants must be strictly positive");
            }

            if (_tauDecay[k] < _tauRise[k])
            {
                throw ParameterReader.Bad("tau_rise", _tauRise[k], $"Synaptic rise time must be smaller than or equal to decay time (tau_decay = {StatusDictionary.Describe(_tauDecay[k])}).");
            }
        }
    }

    public override void Prepare(TimeGrid grid)
    {
        _resolution = grid.Resolution;
        if (double.IsNaN(_s.Step))
        {
            _s.Step = Aeif.InitialStep(_resolution);
        }

        int n = Ports;
        _jump = new double[n];
        for (int k = 0; k < n; k++)
        {
            _jump[k] = IafCondBeta.BetaNormalization(_tauRise[k], _tauDecay[k]);
        }

        if (_y.Length != Fixed + (PerPort * n))
        {
            var y = new double[Fixed + (PerPort * n)];
            _y.AsSpan(0, Math.Min(_y.Length, y.Length)).CopyTo(y);
            _y = y;
        }

        _scratch = new double[Rkf45.ScratchLength(_y.Length)];
        _spikeAt = _deltaT > 0.0 ? _vPeak : _vTh;
        _refractorySteps = grid.RoundHalfUp(_tRef);
    }

    public override int Update(ReadOnlySpan<double> input, double current)
    {
        var active = new Dynamics(this, refractory: false);
        var refractory = new Dynamics(this, refractory: true);
        int fired = Aeif.Integrate(Name, in active, in refractory, _y, ref _s, _resolution, _tolerance, (V, W), _vReset, _b, _spikeAt, _refractorySteps, _scratch);
        for (int k = 0; k < input.Length; k++)
        {
            if (input[k] < 0.0)
            {
                throw new BadPropertyException("weight",
                    $"Synaptic weights for conductance-based multisynapse models must be positive. ({Name}: the spikes into port {k + 1} sum to {StatusDictionary.Describe(input[k])} nS.)");
            }

            _y[Fixed + (PerPort * k) + Dg] += input[k] * _jump[k];
        }

        _s.Stimulus = current;
        return fired;
    }

    public override double Record(string name)
    {
        switch (name)
        {
            case ParameterNames.VM:
                return _y[V];
            case "w":
                return _y[W];
        }

        int port = PortOf(name);
        int at = Fixed + (PerPort * (port - 1)) + G;
        return port == 0 ? throw new ArgumentOutOfRangeException(nameof(name)) : at < _y.Length ? _y[at] : 0.0;
    }

    /// <summary>The right-hand side of one neuron for one step (NEST's aeif_cond_beta_multisynapse_dynamics).</summary>
    private readonly struct Dynamics : IOdeSystem
    {
        private readonly double _vReset, _vPeak, _gL, _eL, _cM, _a, _deltaT, _tauW, _vTh, _iE, _stimulus;
        private readonly double[] _eRev, _tauRise, _tauDecay;
        private readonly bool _refractory;

        public Dynamics(AeifCondBetaMultisynapse n, bool refractory)
        {
            (_vReset, _vPeak, _gL, _eL, _cM, _a, _deltaT) = (n._vReset, n._vPeak, n._gL, n._eL, n._cM, n._a, n._deltaT);
            (_tauW, _vTh, _iE, _stimulus) = (n._tauW, n._vTh, n._iE, n._s.Stimulus);
            (_eRev, _tauRise, _tauDecay) = (n._eRev, n._tauRise, n._tauDecay);
            _refractory = refractory;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Derivatives(ReadOnlySpan<double> y, Span<double> f)
        {
            double v = _refractory ? _vReset : Math.Min(y[V], _vPeak);
            double w = y[W];
            double iSyn = 0.0;
            for (int k = 0; k < _eRev.Length; k++)
            {
                iSyn += y[Fixed + (PerPort * k) + G] * (_eRev[k] - v);
            }

            double iSpike = _deltaT == 0.0 ? 0.0 : (_deltaT * _gL * Math.Exp((v - _vTh) / _deltaT));
            f[V] = _refractory ? 0.0 : ((-_gL * (v - _eL)) + iSpike + iSyn - w + _iE + _stimulus) / _cM;
            f[W] = ((_a * (v - _eL)) - w) / _tauW;
            for (int k = 0; k < _eRev.Length; k++)
            {
                int j = Fixed + (PerPort * k);
                f[j + Dg] = -y[j + Dg] / _tauRise[k];
                f[j + G] = y[j + Dg] - (y[j + G] / _tauDecay[k]);
            }
        }
    }
}
