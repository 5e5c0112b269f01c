using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscExp;

/// <summary>A population of <c>iaf_psc_exp</c> neurons.</summary>
internal sealed class IafPscExpBlock : NeuronBlock<IafPscExpParameters, IafPscExpPropagators>
{
    private readonly double[] _iEx, _iIn;

    /// <summary>Current of receptor 1 received in the previous step (NEST's i_1), fed into I_syn_ex through its filter.</summary>
    private readonly double[] _i1;

    public IafPscExpBlock(IafPscExpModel model, int firstId, int count) : base(model, firstId, count)
    {
        _iEx = new double[count];
        _iIn = new double[count];
        _i1 = new double[count];
    }

    protected override double RecordableState(int local, string name) => name switch
    {
        ParameterNames.ISynExcitatory => _iEx[local],
        ParameterNames.ISynInhibitory => _iIn[local],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    protected override IafPscExpPropagators CreatePropagators(IafPscExpParameters p, TimeGrid grid) => new(p, grid);

    /// <summary>
    /// NEST's order: membrane from the old currents (unless refractory), then the currents decay and take the
    /// previous step's receptor-1 current and this step's spikes, then threshold and reset, then the new currents.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Step(in IafPscExpPropagators p, int start, int end, int lag, in StepInput input, SpikeList spikes)
    {
        var ex = input.Ex;
        var inh = input.Inh;
        var current = input.Current;
        var filtered = input.Filtered;
        var v = V.AsSpan();
        var refractory = Refractory.AsSpan();
        var ie = IE.AsSpan();
        var y0 = Y0.AsSpan();
        for (int i = start; i < end; i++)
        {
            if (refractory[i] == 0.0)
            {
                // V = V·P22 + I_ex·P21ex + I_in·P21in + (I_e + y0)·P20
                v[i] = v[i] * p.P22 + _iEx[i] * p.P21Ex + _iIn[i] * p.P21In + (ie[i] + y0[i]) * p.P20;
            }
            else
            {
                refractory[i] -= 1.0;
            }

            // I_ex = I_ex·P11ex + (1 − P11ex)·i_1 + spikes (receptor 1's current, filtered by the excitatory synapse)
            _iEx[i] = _iEx[i] * p.P11Ex + (1.0 - p.P11Ex) * _i1[i] + ex[i];
            _iIn[i] = _iIn[i] * p.P11In + inh[i];
            if (v[i] >= p.VTh)
            {
                refractory[i] = p.RefractorySteps;
                v[i] = p.VReset;
                spikes.Add(lag, i, 1);
            }

            y0[i] = current[i];
            if (!filtered.IsEmpty)
            {
                _i1[i] = filtered[i];
            }
        }
    }
}
