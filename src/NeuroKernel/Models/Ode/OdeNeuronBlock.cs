using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Numerics;

namespace NeuroKernel.Models.Ode;

/// <summary>
/// A population of an RKF45-integrated model: each neuron's parameters, state vector and derived constants side by side
/// (one row per neuron), its refractory count, step size and stimulus current, and NEST's update of each time step
/// (integrate, refractoriness and threshold, then the step's spikes and the next step's current).
/// </summary>
internal sealed class OdeNeuronBlock<TNeuron> : NodeBlock
    where TNeuron : struct, IOdeNeuron
{
    private readonly OdeNeuronModel<TNeuron> _model;
    private readonly int _np;
    private readonly int _ny;
    private readonly int _nd;
    private readonly double[] _parameters;
    private readonly double[] _state;
    private readonly double[] _derived;
    private readonly OdeNeuronState[] _neurons;
    private readonly int _tauMinus;
    private double _resolution = double.NaN;

    public OdeNeuronBlock(OdeNeuronModel<TNeuron> model, int firstId, int count) : base(model, firstId, count)
    {
        _model = model;
        _np = model.ParameterNames.Length;
        _ny = TNeuron.StateNames.Length;
        _nd = TNeuron.DerivedCount;
        _parameters = new double[count * _np];
        _state = new double[count * _ny];
        _derived = new double[count * _nd];
        _neurons = new OdeNeuronState[count];
        for (int i = 0; i < count; i++)
        {
            model.Defaults.Parameters.CopyTo(_parameters, i * _np);
            model.Defaults.State.CopyTo(_state, i * _ny);
            _neurons[i].Step = double.NaN;
        }

        _tauMinus = Array.IndexOf(model.ParameterNames, ParameterNames.TauMinus);
    }

    public override bool HasUpdate => true;

    public override bool CanSplit => true;

    public override double TauMinus(int local) => _tauMinus >= 0 ? _parameters[local * _np + _tauMinus] : base.TauMinus(local);

    public override StatusDictionary GetStatus(int local) => _model.Write(ValuesOf(local));

    public override bool TryGetStatusNumber(int local, string key, out double value)
    {
        int k = Array.IndexOf(TNeuron.StateNames, key, 0, _model.ReportedState);
        if (k >= 0)
        {
            value = TNeuron.StateToStatus(_parameters.AsSpan(local * _np, _np), k, _state[local * _ny + k]);
            return true;
        }

        k = Array.IndexOf(_model.ParameterNames, key);
        value = k >= 0 ? _parameters[local * _np + k] : 0.0;
        return k >= 0;
    }

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        var next = _model.Read(values, ValuesOf(local));
        return () =>
        {
            next.Parameters.CopyTo(_parameters, local * _np);
            next.State.CopyTo(_state, local * _ny);
        };
    }

    public override double ReadRecordable(int local, string name)
    {
        if (name == OdeNames.TRefRemaining)
        {
            return _neurons[local].Refractory * _resolution;
        }

        var p = _parameters.AsSpan(local * _np, _np);
        var y = _state.AsSpan(local * _ny, _ny);
        if (TNeuron.TryRecord(name, p, y, out double value))
        {
            return value;
        }

        int k = Array.IndexOf(TNeuron.StateNames, name);
        return TNeuron.StateToStatus(p, k, y[k]);
    }

    public override void Prepare(PrepareContext context)
    {
        _resolution = context.Grid.Resolution;
        for (int i = 0; i < Count; i++)
        {
            TNeuron.Prepare(_parameters.AsSpan(i * _np, _np), context.Grid, _derived.AsSpan(i * _nd, _nd));
            if (double.IsNaN(_neurons[i].Step))
            {
                // NEST's init_buffers_: the first run starts from the model's initial step size and no stimulus.
                _neurons[i].Step = TNeuron.InitialStep(_resolution);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        spikes.Clear();
        var rings = slice.Rings;
        var (firstRequest, endRequest) = RequestsIn(start, end);
        int count = end - start;
        Span<double> scratch = stackalloc double[Rkf45.ScratchLength(_ny)];
        Span<System.Runtime.Intrinsics.Vector256<double>> laneScratch = TNeuron.HasLanes
            ? stackalloc System.Runtime.Intrinsics.Vector256<double>[Rkf45Lanes.ScratchLength(_ny) + _ny]
            : default;
        Span<int> fired4 = stackalloc int[Rkf45Lanes.Lanes];
        Span<double> zeros = stackalloc double[Rkf45Lanes.Lanes];
        zeros.Clear();
        int laneEnd = TNeuron.HasLanes ? count - (count % Rkf45Lanes.Lanes) : 0;
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            var cells = new LagCells(rings, slice.Step0 + lag, ReceiverOffset + start, count);
            ReadOnlySpan<double> ex = cells.Excitatory, inh = cells.Inhibitory, current = cells.Current;
            for (int k = 0; k < laneEnd; k += Rkf45Lanes.Lanes)
            {
                // Four neurons at once, bit for bit as one by one.
                int i = start + k;
                const int L = Rkf45Lanes.Lanes;
                TNeuron.UpdateLanes(_parameters.AsSpan(i * _np, L * _np), _derived.AsSpan(i * _nd, L * _nd), _state.AsSpan(i * _ny, L * _ny),
                    _neurons.AsSpan(i, L), _resolution, ex.IsEmpty ? zeros : ex.Slice(k, L), inh.IsEmpty ? zeros : inh.Slice(k, L), fired4, laneScratch);
                for (int lane = 0; lane < L; lane++)
                {
                    if (fired4[lane] > 0)
                    {
                        spikes.Add(lag, i + lane, fired4[lane]);
                    }

                    _neurons[i + lane].Stimulus = current.IsEmpty ? 0.0 : current[k + lane];
                }
            }

            for (int k = laneEnd; k < count; k++)
            {
                int i = start + k;
                var y = _state.AsSpan(i * _ny, _ny);
                var derived = _derived.AsSpan(i * _nd, _nd);
                int fired = TNeuron.Update(_parameters.AsSpan(i * _np, _np), derived, y, ref _neurons[i], _resolution,
                    ex.IsEmpty ? 0.0 : ex[k], inh.IsEmpty ? 0.0 : inh[k], scratch);
                if (fired > 0)
                {
                    spikes.Add(lag, i, fired);
                }

                _neurons[i].Stimulus = current.IsEmpty ? 0.0 : current[k];
            }

            cells.Clear(0, count);
            for (int q = firstRequest; q < endRequest; q++)
            {
                Sample(SampleRequests[q], slice.Step0 + lag + 1);
            }
        }
    }

    private OdeNeuronModel<TNeuron>.Values ValuesOf(int local) =>
        new(_parameters.AsSpan(local * _np, _np).ToArray(), _state.AsSpan(local * _ny, _ny).ToArray());
}
