using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Models;

namespace NeuroKernel.Tests.Reliability;

/// <summary>
/// A test-only neuron model whose update throws once the simulation reaches <see cref="FailAtStep"/>, in the
/// part of the block that holds its last node: with several threads (and at least 256 nodes per thread) that
/// part is updated by a worker thread, so the exception starts on a worker. It records the thread it threw on.
/// </summary>
internal sealed class FailingNeuronModel : NodeModel
{
    public const string ModelName = "failing_neuron";

    public FailingNeuronModel(long failAtStep) : base(ModelName) => FailAtStep = failAtStep;

    public long FailAtStep { get; }

    /// <summary>Managed id of the thread that threw, or 0.</summary>
    public int ThrowingThread { get; set; }

    public override ElementType ElementType => ElementType.Neuron;

    public override bool SendsSpikes => false;

    public override StatusDictionary GetDefaults() => [];

    public override void SetDefaults(StatusDictionary values) { }

    public override NodeBlock CreateBlock(int firstId, int count) => new Block(this, firstId, count);

    /// <summary>Registers the model in a simulator's model manager (a test-only block, so not through the public API).</summary>
    public static FailingNeuronModel RegisterIn(Simulator sim, long failAtStep)
    {
        var model = new FailingNeuronModel(failAtStep);
        sim.Kernel.Models.Register(model);
        return model;
    }

    private sealed class Block(FailingNeuronModel model, int firstId, int count) : NodeBlock(model, firstId, count)
    {
        public override bool HasUpdate => true;

        public override bool CanSplit => true;

        public override StatusDictionary GetStatus(int local) => [];

        public override Action ValidateStatus(int local, StatusDictionary values) => () => { };

        public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
        {
            spikes.Clear();
            if (end == Count && slice.Step0 + slice.Steps > model.FailAtStep)
            {
                model.ThrowingThread = Environment.CurrentManagedThreadId;
                throw new InvalidOperationException($"failing_neuron: update of nodes {FirstId + start}..{FirstId + end - 1} failed on purpose.");
            }
        }
    }
}
