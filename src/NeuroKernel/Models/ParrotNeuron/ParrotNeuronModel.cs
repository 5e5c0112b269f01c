using NeuroKernel.Delivery;
using NeuroKernel.Kernel;

namespace NeuroKernel.Models.ParrotNeuron;

/// <summary>
/// <c>parrot_neuron</c>: repeats every spike it receives on receptor 0, in the step it arrives, with the multiplicity it
/// arrived with; the weight of incoming connections is ignored. Spikes on receptor 1 are taken and not repeated, so that
/// a plastic connection can end on a parrot whose own spikes come from elsewhere (NEST's STDP test protocol). Like
/// NEST's archiving nodes it has <c>tau_minus</c> (ms), the time constant of the STDP trace its spikes leave. Typical
/// use: one poisson_generator feeds a parrot, and the parrot sends the same train to many targets.
/// </summary>
internal sealed class ParrotNeuronModel : NodeModel
{
    private double _tauMinus = 20.0;

    public ParrotNeuronModel() : base(ModelNames.ParrotNeuron) { }

    public override ElementType ElementType => ElementType.Neuron;

    public override bool SendsSpikes => true;

    /// <summary>Spike counts on port 0 (the weight is ignored); spikes on port 1 are not repeated.</summary>
    public override IReadOnlyList<Receptor> Receptors { get; } = [new("spikes", 0, ReceptorInput.SpikeCount), new("ignored", 1, ReceptorInput.Ignored)];

    public override StatusDictionary GetDefaults() => new() { [ParameterNames.TauMinus] = _tauMinus };

    public override void SetDefaults(StatusDictionary values) => _tauMinus = Read(values, _tauMinus);

    /// <summary>Reads tau_minus into a copy of <paramref name="tauMinus"/>; refuses every other key.</summary>
    internal double Read(StatusDictionary values, double tauMinus)
    {
        var r = new ParameterReader(values, Name);
        tauMinus = Neurons.MembraneParameters.ReadTimeConstant(r, ParameterNames.TauMinus, tauMinus);
        r.ThrowIfUnused(CommonReadOnlyKeys);
        return tauMinus;
    }

    public override NodeBlock CreateBlock(int firstId, int count) => new ParrotNeuronBlock(this, firstId, count, _tauMinus);
}

/// <summary>parrot_neuron nodes: the count channel of the ring buffers holds the number of spikes that arrived.</summary>
internal sealed class ParrotNeuronBlock(ParrotNeuronModel model, int firstId, int count, double tauMinus) : NodeBlock(model, firstId, count)
{
    private readonly double[] _tauMinus = Enumerable.Repeat(tauMinus, count).ToArray();

    public override bool HasUpdate => true;

    public override bool CanSplit => true;

    public override StatusDictionary GetStatus(int local) => new() { [ParameterNames.TauMinus] = _tauMinus[local] };

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        double next = model.Read(values, _tauMinus[local]);
        return () => _tauMinus[local] = next;
    }

    public override double TauMinus(int local) => _tauMinus[local];

    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        spikes.Clear();
        var rings = slice.Rings;
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            int slotBase = rings.SlotBase(slice.Step0 + lag) + ReceiverOffset;
            var counts = rings.Excitatory.AsSpan(slotBase, Count);
            for (int i = start; i < end; i++)
            {
                int n = (int)counts[i];
                if (n > 0)
                {
                    spikes.Add(lag, i, n);
                }
            }

            counts[start..end].Clear();
        }
    }
}
