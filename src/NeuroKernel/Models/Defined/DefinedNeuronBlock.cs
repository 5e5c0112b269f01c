using NeuroKernel.Delivery;
using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Defined;

/// <summary>
/// Nodes of a user's <see cref="NeuronModelDefinition"/>: every parameter and state variable as an array over the
/// neurons, and the update calling the definition once per step for the range a thread owns, with its input read from
/// the ring buffers (which the update consumes, as every neuron block does).
/// </summary>
internal sealed class DefinedNeuronBlock : NodeBlock
{
    private readonly DefinedNeuronModel _model;
    private readonly double[][] _parameters;
    private readonly double[][] _state;

    // Scratch per neuron: who fired in a step, and the summed spike input of a model that takes the sum while the
    // kernel keeps the signs apart. Threads work on disjoint ranges of it.
    private readonly bool[] _fired;
    private readonly double[] _sum;
    private readonly bool _summed;

    // The current of a network without current generators: zeros, never written.
    private readonly double[] _noCurrent;
    private double _resolution = 0.1;

    public DefinedNeuronBlock(DefinedNeuronModel model, int firstId, int count) : base(model, firstId, count)
    {
        _model = model;
        var defaults = model.Defaults;
        _parameters = [.. defaults.Parameters.Select(v => Filled(count, v))];
        _state = [.. defaults.State.Select(v => Filled(count, v))];
        _fired = new bool[count];
        _summed = model.Definition.SpikeInput == SpikeInput.Summed;
        _sum = _summed ? new double[count] : [];
        _noCurrent = new double[count];
    }

    public override bool HasUpdate => true;

    public override bool CanSplit => true;

    public override StatusDictionary GetStatus(int local) => _model.Write(ValuesOf(local));

    public override bool TryGetStatusNumber(int local, string key, out double value)
    {
        int k = Array.IndexOf(_model.StateNames, key);
        value = k >= 0 ? _state[k][local] : 0.0;
        return k >= 0;
    }

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        var next = _model.Read(values, ValuesOf(local));
        return () =>
        {
            for (int k = 0; k < _parameters.Length; k++)
            {
                _parameters[k][local] = next.Parameters[k];
            }

            for (int k = 0; k < _state.Length; k++)
            {
                _state[k][local] = next.State[k];
            }
        };
    }

    public override double ReadRecordable(int local, string name) => _state[Array.IndexOf(_model.StateNames, name)][local];

    public override void Prepare(PrepareContext context) => _resolution = context.Grid.Resolution;

    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        spikes.Clear();
        var rings = slice.Rings;
        var (firstRequest, endRequest) = RequestsIn(start, end);
        int count = end - start;
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            var cells = new LagCells(rings, slice.Step0 + lag, ReceiverOffset + start, count);
            Span<double> ex = cells.Excitatory, inh = cells.Inhibitory, current = cells.Current;
            ReadOnlySpan<double> excitatory = ex, inhibitory = inh;
            if (_summed)
            {
                // One sum per neuron; a shared buffer already holds it.
                if (!inh.IsEmpty)
                {
                    var sum = _sum.AsSpan(start, count);
                    for (int i = 0; i < count; i++)
                    {
                        sum[i] = ex[i] + inh[i];
                    }

                    excitatory = sum;
                }

                inhibitory = default;
            }

            var fired = _fired.AsSpan(start, count);
            _model.Definition.Update(new NeuronStep(_parameters, _state, start, count, _resolution, slice.Step0 + lag,
                excitatory, inhibitory, current.IsEmpty ? _noCurrent.AsSpan(start, count) : current, fired));
            for (int i = 0; i < count; i++)
            {
                if (fired[i])
                {
                    spikes.Add(lag, start + i, 1);
                    fired[i] = false;
                }
            }

            cells.Clear(0, count);
            for (int q = firstRequest; q < endRequest; q++)
            {
                Sample(SampleRequests[q], slice.Step0 + lag + 1);
            }
        }
    }

    private static double[] Filled(int count, double value)
    {
        var a = new double[count];
        Array.Fill(a, value);
        return a;
    }

    private DefinedNeuronModel.Values ValuesOf(int local) =>
        new([.. _parameters.Select(p => p[local])], [.. _state.Select(s => s[local])]);
}
