using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Models.Neurons;

namespace NeuroKernel.Models.IafPscDelta;

/// <summary>A population of <c>iaf_psc_delta</c> neurons.</summary>
internal sealed class IafPscDeltaBlock : NeuronBlock<IafPscDeltaParameters, IafPscDeltaPropagators>
{
    /// <summary>Input that arrived during the refractory period, decayed to its end (refractory_input).</summary>
    private readonly double[] _refractoryInput;

    public IafPscDeltaBlock(IafPscDeltaModel model, int firstId, int count) : base(model, firstId, count) =>
        _refractoryInput = new double[count];

    protected override double RecordableState(int local, string name) => throw new ArgumentOutOfRangeException(nameof(name));

    protected override IafPscDeltaPropagators CreatePropagators(IafPscDeltaParameters p, TimeGrid grid) => new(p, grid);

    /// <summary>
    /// NEST's order: the membrane decays, takes the DC input and this step's spikes (unless refractory), is
    /// bounded below by V_min; then threshold and reset; then the new DC input.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Step(in IafPscDeltaPropagators p, int start, int end, int lag, in StepInput input, SpikeList spikes)
    {
        var ex = input.Ex;
        var inh = input.Inh;
        var current = input.Current;
        var v = V.AsSpan();
        var refractory = Refractory.AsSpan();
        var ie = IE.AsSpan();
        var y0 = Y0.AsSpan();
        for (int i = start; i < end; i++)
        {
            double arriving = ex[i] + inh[i];
            if (refractory[i] == 0.0)
            {
                // V = P30·(y0 + I_e) + P33·V + spikes
                double vi = p.P30 * (y0[i] + ie[i]) + p.P33 * v[i] + arriving;
                if (_refractoryInput[i] != 0.0)
                {
                    vi += _refractoryInput[i];
                    _refractoryInput[i] = 0.0;
                }

                v[i] = Math.Max(vi, p.VMin);
            }
            else
            {
                if (p.RefractoryInput)
                {
                    _refractoryInput[i] += arriving * Math.Exp(-refractory[i] * p.DecayPerStep);
                }

                refractory[i] -= 1.0;
            }

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
