using NeuroKernel.Delivery;
using NeuroKernel.Kernel;

namespace NeuroKernel.Models.ParrotNeuron;

/// <summary>
/// <c>parrot_neuron</c>: repeats every spike it receives, in the step it arrives, with the multiplicity it
/// arrived with; the weight of incoming connections is ignored. Typical use: one poisson_generator feeds a
/// parrot, and the parrot sends the same train to many targets (or to a spike_recorder).
/// </summary>
internal sealed class ParrotNeuronModel : NodeModel
{
    public ParrotNeuronModel() : base(ModelNames.ParrotNeuron) { }

    public override ElementType ElementType => ElementType.Neuron;

    public override bool SendsSpikes => true;

    /// <summary>Spike counts on port 0; the weight is ignored.</summary>
    public override IReadOnlyList<Receptor> Receptors { get; } = [new("spikes", 0, ReceptorInput.SpikeCount)];

    public override StatusDictionary GetDefaults() => [];

    public override void SetDefaults(StatusDictionary values)
    {
        var r = new ParameterReader(values, Name);
        r.ThrowIfUnused(CommonReadOnlyKeys);
    }

    public override NodeBlock CreateBlock(int firstId, int count) => new ParrotNeuronBlock(this, firstId, count);
}

/// <summary>parrot_neuron nodes: the count channel of the ring buffers holds the number of spikes that arrived.</summary>
internal sealed class ParrotNeuronBlock(ParrotNeuronModel model, int firstId, int count) : NodeBlock(model, firstId, count)
{
    public override bool HasUpdate => true;

    public override bool CanSplit => true;

    public override StatusDictionary GetStatus(int local) => [];

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        Model.SetDefaults(values);
        return () => { };
    }

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
