using BenchmarkDotNet.Attributes;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Models;
using NeuroKernel.Random;
using NeuroKernel.Synapses;

namespace NeuroKernel.Benchmarks;

/// <summary>
/// Two hot paths of the step loop, each alone at the size of the order-2500 seed network: Poisson input
/// generation (one step's draws for 12,500 targets at the seed's mean of 1.78 per step) and spike delivery (one
/// lag with 54 spikes, the seed's average per step, each walking 1,250 targets). The neuron update is
/// <see cref="NeuronUpdateBenchmark"/>. The memory diagnoser must show 0 B per operation.
/// </summary>
public class KernelMicroBenchmarks
{
    private const int Neurons = 12_500;
    private const int OutDegree = 1_250;
    private const int SpikesPerStep = 54;
    private PoissonSampler _sampler = null!;
    private ulong[] _streams = [];
    private ushort[] _targets = [];
    private double[] _slot = [];
    private SpikeDelivery _delivery = null!;
    private SliceContext _slice;

    [GlobalSetup]
    public void Setup()
    {
        // Poisson: one stream per target, 12,500 targets in one partition of 16-bit indices.
        _sampler = new PoissonSampler(17789.007714721884 * 0.1 / 1000.0);
        _streams = new ulong[Neurons];
        _targets = new ushort[Neurons];
        for (int i = 0; i < Neurons; i++)
        {
            _streams[i] = SplitMix64.Derive(1234, 1, (ulong)i);
            _targets[i] = (ushort)i;
        }

        _slot = new double[Neurons];

        // Delivery: a random network of 12,500 neurons × 1,250 targets each, and one lag of spikes.
        var key = new ConnectionGroupKey(0, 20.68, 15);
        var builder = new ConnectionGroupBuilder(key);
        var rng = new System.Random(1);
        var row = new int[OutDegree];
        for (int s = 0; s < Neurons; s++)
        {
            for (int k = 0; k < OutDegree; k++)
            {
                row[k] = rng.Next(Neurons);
            }

            builder.AddFromSource(s, row);
        }

        var store = ConnectionStore.Build(ConnectionStore.Empty, [builder], [], Neurons, ReceiverPartitioning.For(Neurons, 1), 1, new SynapseRegistry());
        var rings = new RingBuffers(30, Neurons);
        var spikes = new SpikeList(Neurons, 1);
        for (int k = 0; k < SpikesPerStep; k++)
        {
            spikes.Add(0, k * (Neurons / SpikesPerStep), 1);
        }

        var block = new BenchmarkSource(Neurons);
        var exchange = new LocalSpikeExchange([new UpdateUnit(block, 0, Neurons, 0, spikes)]);
        _delivery = new SpikeDelivery(store, exchange, [], new SynapseContext(rings, null, new TimeGrid(0.1)), 1);
        _slice = new SliceContext(0, 1, rings, store);
    }

    /// <summary>One step of Poisson input for 12,500 targets, one scattered add per target.</summary>
    [Benchmark]
    public void PoissonStep() => _sampler.AddDraws(_streams, _targets, _slot, 20.68);

    /// <summary>The same onto consecutive targets (the seed's generator → population), with vector adds.</summary>
    [Benchmark]
    public void PoissonStepConsecutive() => _sampler.AddDraws(_streams, _targets, _slot, 20.68, contiguous: true);

    /// <summary>One lag of 54 spikes × 1,250 targets (67,500 synaptic events).</summary>
    [Benchmark]
    public void DeliverLag() => _delivery.Deliver(in _slice, 0);

    /// <summary>A stand-in sender block for the delivery benchmark.</summary>
    private sealed class BenchmarkSource(int count) : NodeBlock(new SourceModel(), 1, count)
    {
        public override StatusDictionary GetStatus(int local) => [];

        public override Action ValidateStatus(int local, StatusDictionary values) => () => { };
    }

    private sealed class SourceModel() : NodeModel("benchmark_source")
    {
        public override ElementType ElementType => ElementType.Neuron;

        public override bool SendsSpikes => true;

        public override StatusDictionary GetDefaults() => [];

        public override void SetDefaults(StatusDictionary values) { }

        public override NodeBlock CreateBlock(int firstId, int count) => new BenchmarkSource(count);
    }
}
