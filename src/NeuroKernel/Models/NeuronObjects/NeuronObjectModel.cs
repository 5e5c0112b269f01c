using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;

namespace NeuroKernel.Models.NeuronObjects;

/// <summary>
/// The prototype of a model of <see cref="NeuronObject"/>s (<typeparamref name="TNeuron"/>): a default neuron whose copies the
/// nodes are; numbered spike ports (<see cref="NodeModel.HasSpikePorts"/>) or spikes split by sign; currents on receptor 0.
/// </summary>
internal sealed class NeuronObjectModel<TNeuron> : NodeModel
    where TNeuron : NeuronObject, new()
{
    private static readonly Receptor[] CurrentOnly = [new("current", 0, ReceptorInput.Current)];

    public NeuronObjectModel(string name) : base(name) { }

    private NeuronObject? _defaults;

    private bool Ports => Defaults.HasSpikePorts;

    /// <summary>
    /// The defaults of new neurons (replaced, never changed in place: copies of the model share it). Made at the model's
    /// first use, not when the kernel registers its models (which every <c>new Simulator()</c> does).
    /// </summary>
    public NeuronObject Defaults
    {
        get => _defaults ??= new TNeuron();
        private set => _defaults = value;
    }

    public override ElementType ElementType => ElementType.Neuron;

    public override bool SendsSpikes => true;

    public override bool HasSpikePorts => Ports;

    public override bool RefusesNegativeWeights => Defaults.RefusesNegativeWeights;

    public override IReadOnlyList<Receptor> Receptors => Ports ? CurrentOnly : Receptor.BySign;

    public override IReadOnlyList<string> Recordables => Defaults.Recordables();

    public override StatusDictionary GetDefaults() => Status(Defaults);

    public override void SetDefaults(StatusDictionary values) => Defaults = Changed(Defaults, values);

    public override NodeBlock CreateBlock(int firstId, int count) => new NeuronObjectBlock<TNeuron>(this, firstId, count);

    /// <summary>A neuron's status: its parameters and state, and the number of ports.</summary>
    public static StatusDictionary Status(NeuronObject neuron)
    {
        var d = new StatusDictionary();
        neuron.Write(d);
        if (neuron.PortCountKey is { } key)
        {
            d[key] = (long)neuron.Ports;
            d[ParameterNames.HasConnections] = neuron.HasConnections;
        }

        return d;
    }

    /// <summary><paramref name="current"/> with <paramref name="values"/> applied, checked: a new object, <paramref name="current"/> unchanged.</summary>
    public NeuronObject Changed(NeuronObject current, StatusDictionary values)
    {
        var next = current.Clone();
        var r = new ParameterReader(values, Name);
        next.Read(r);
        r.ThrowIfUnused(next.PortCountKey is { } key ? [.. CommonReadOnlyKeys, key, ParameterNames.HasConnections, .. next.ReadOnlyKeys] : [.. CommonReadOnlyKeys, .. next.ReadOnlyKeys]);
        return next;
    }
}

/// <summary>
/// A population of <see cref="NeuronObject"/>s (multisynapse, gif and glif neurons), one per node, updated step by step
/// in NEST's order with the step's input of each of its ports (read from the port channels and cleared), or of the two
/// spike channels, and the current channel.
/// </summary>
internal sealed class NeuronObjectBlock<TNeuron> : NodeBlock
    where TNeuron : NeuronObject, new()
{
    private readonly NeuronObjectModel<TNeuron> _model;
    private readonly NeuronObject[] _neurons;

    public NeuronObjectBlock(NeuronObjectModel<TNeuron> model, int firstId, int count) : base(model, firstId, count)
    {
        _model = model;
        _neurons = new NeuronObject[count];
        for (int i = 0; i < count; i++)
        {
            _neurons[i] = model.Defaults.Clone();
        }
    }

    public override bool HasUpdate => true;

    public override bool CanSplit => true;

    public override double TauMinus(int local) => _neurons[local].TauMinus;

    public override IReadOnlyList<string> RecordablesOf(int local) => _neurons[local].Recordables();

    public override void CheckSpikePort(int local, int port)
    {
        int ports = _neurons[local].Ports;
        if (port < 1 || port > ports)
        {
            throw new IncompatibleReceptorTypeException(
                $"Receptor type {port} is not available in {Model.Name} (node {FirstId + local}): it has spike ports 1 … {ports} (receptor_type = {port}).");
        }
    }

    public override void MarkConnected(int local) => _neurons[local].HasConnections = true;

    public override StatusDictionary GetStatus(int local) => NeuronObjectModel<TNeuron>.Status(_neurons[local]);

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        var next = _model.Changed(_neurons[local], values);
        return () => _neurons[local] = next;
    }

    public override double ReadRecordable(int local, string name) => _neurons[local].Record(name);

    public override void Prepare(PrepareContext context)
    {
        _maxPorts = 2;
        for (int i = 0; i < _neurons.Length; i++)
        {
            var n = _neurons[i];
            n.Seed(context.Seed, FirstId + i);
            n.Prepare(context.Grid);
            _maxPorts = Math.Max(_maxPorts, n.Ports);
        }
    }

    /// <summary>The most ports a neuron of the block has (set by Prepare; the ports cannot change during a run).</summary>
    private int _maxPorts = 2;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        spikes.Clear();
        var rings = slice.Rings;
        var (firstRequest, endRequest) = RequestsIn(start, end);
        int count = end - start;
        Span<double> scratch = _maxPorts <= 256 ? stackalloc double[_maxPorts] : new double[_maxPorts];
        bool ports = Model.HasSpikePorts;
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            var cells = new LagCells(rings, slice.Step0 + lag, ReceiverOffset + start, count);
            int at = rings.SlotBase(slice.Step0 + lag) + ReceiverOffset + start;
            ReadOnlySpan<double> current = cells.Current, ex = cells.Excitatory, inh = cells.Inhibitory;
            for (int k = 0; k < count; k++)
            {
                var neuron = _neurons[start + k];
                var input = scratch[..neuron.Ports];
                if (ports)
                {
                    // Ports without a connection (beyond the channels there are) get no input.
                    int connected = Math.Min(neuron.Ports, rings.PortCount);
                    for (int port = 1; port <= connected; port++)
                    {
                        input[port - 1] = rings.Port(port)[at + k];
                    }

                    input[connected..].Clear();
                }
                else
                {
                    input[0] = ex[k];
                    input[1] = inh.IsEmpty ? 0.0 : inh[k];
                }
                int fired = neuron.Update(input, current.IsEmpty ? 0.0 : current[k]);
                if (fired > 0)
                {
                    spikes.Add(lag, start + k, fired);
                }
            }

            cells.Clear(0, count);
            for (int port = 1; port <= rings.PortCount; port++)
            {
                rings.Port(port).AsSpan(at, count).Clear();
            }

            for (int q = firstRequest; q < endRequest; q++)
            {
                Sample(SampleRequests[q], slice.Step0 + lag + 1);
            }
        }
    }
}
