using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscExp;

/// <summary>A population of <c>iaf_psc_exp</c> neurons.</summary>
internal sealed class IafPscExpBlock : NeuronBlock<IafPscExpParameters, IafPscExpPropagators>
{
    private readonly double[] _iEx, _iIn;

    public IafPscExpBlock(IafPscExpModel model, int firstId, int count) : base(model, firstId, count)
    {
        _iEx = new double[count];
        _iIn = new double[count];
    }

    protected override double RecordableState(int local, string name) => name switch
    {
        ParameterNames.ISynExcitatory => _iEx[local],
        ParameterNames.ISynInhibitory => _iIn[local],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    protected override IafPscExpPropagators CreatePropagators(IafPscExpParameters p, TimeGrid grid) => new(p, grid);

    /// <summary>
    /// NEST's order: membrane from the old currents (unless refractory), then the currents decay and take this
    /// step's spikes, then threshold and reset, then the new DC input.
    /// </summary>
    protected override void Step(in IafPscExpPropagators p, int start, int end, int lag,
        ReadOnlySpan<double> ex, ReadOnlySpan<double> inh, ReadOnlySpan<double> current, SpikeList spikes)
    {
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

            _iEx[i] = _iEx[i] * p.P11Ex + ex[i];
            _iIn[i] = _iIn[i] * p.P11In + inh[i];
            if (v[i] >= p.VTh)
            {
                refractory[i] = p.RefractorySteps;
                v[i] = p.VReset;
                spikes.Add(lag, i, 1);
            }

            y0[i] = current[i];
        }
    }
}
