using System.Runtime.CompilerServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Multisynapse;

/// <summary>
/// The prototype of a NEST <c>*_multisynapse</c> model (<typeparamref name="TNeuron"/>): a default neuron whose copies the
/// nodes are, numbered spike ports (<see cref="NodeModel.HasSpikePorts"/>) and currents on receptor 0.
/// </summary>
internal sealed class MultisynapseModel<TNeuron> : NodeModel
    where TNeuron : MultisynapseNeuron, new()
{
    private static readonly Receptor[] CurrentOnly = [new("current", 0, ReceptorInput.Current)];

    public MultisynapseModel(string name) : base(name) => Defaults = new TNeuron();

    /// <summary>The defaults of new neurons (replaced, never changed in place: copies of the model share it).</summary>
    public MultisynapseNeuron Defaults { get; private set; }

    public override ElementType ElementType => ElementType.Neuron;

    public override bool SendsSpikes => true;

    public override bool HasSpikePorts => true;

    public override IReadOnlyList<Receptor> Receptors => CurrentOnly;

    public override IReadOnlyList<string> Recordables => Defaults.Recordables();

    public override StatusDictionary GetDefaults() => Status(Defaults);

    public override void SetDefaults(StatusDictionary values) => Defaults = Changed(Defaults, values);

    public override NodeBlock CreateBlock(int firstId, int count) => new MultisynapseBlock<TNeuron>(this, firstId, count);

    /// <summary>A neuron's status: its parameters and state, and the number of ports.</summary>
    public static StatusDictionary Status(MultisynapseNeuron neuron)
    {
        var d = new StatusDictionary();
        neuron.Write(d);
        d[neuron.PortCountKey] = (long)neuron.Ports;
        d[ParameterNames.HasConnections] = neuron.HasConnections;
        return d;
    }

    /// <summary><paramref name="current"/> with <paramref name="values"/> applied, checked: a new object, <paramref name="current"/> unchanged.</summary>
    public MultisynapseNeuron Changed(MultisynapseNeuron current, StatusDictionary values)
    {
        var next = current.Clone();
        var r = new ParameterReader(values, Name);
        next.Read(r);
        r.ThrowIfUnused([.. CommonReadOnlyKeys, next.PortCountKey, ParameterNames.HasConnections, .. next.ReadOnlyKeys]);
        return next;
    }
}

/// <summary>
/// A population of a multisynapse model: one <see cref="MultisynapseNeuron"/> per node, updated step by step in NEST's order
/// with the step's input of each of its ports (read from the port channels and cleared) and the current channel.
/// </summary>
internal sealed class MultisynapseBlock<TNeuron> : NodeBlock
    where TNeuron : MultisynapseNeuron, new()
{
    private readonly MultisynapseModel<TNeuron> _model;
    private readonly MultisynapseNeuron[] _neurons;

    public MultisynapseBlock(MultisynapseModel<TNeuron> model, int firstId, int count) : base(model, firstId, count)
    {
        _model = model;
        _neurons = new MultisynapseNeuron[count];
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

    public override StatusDictionary GetStatus(int local) => MultisynapseModel<TNeuron>.Status(_neurons[local]);

    public override Action ValidateStatus(int local, StatusDictionary values)
    {
        var next = _model.Changed(_neurons[local], values);
        return () => _neurons[local] = next;
    }

    public override double ReadRecordable(int local, string name) => _neurons[local].Record(name);

    public override void Prepare(PrepareContext context)
    {
        _maxPorts = 1;
        foreach (var n in _neurons)
        {
            n.Prepare(context.Grid);
            _maxPorts = Math.Max(_maxPorts, n.Ports);
        }
    }

    /// <summary>The most ports a neuron of the block has (set by Prepare; the ports cannot change during a run).</summary>
    private int _maxPorts = 1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Update(in SliceContext slice, int start, int end, SpikeList spikes)
    {
        spikes.Clear();
        var rings = slice.Rings;
        var (firstRequest, endRequest) = RequestsIn(start, end);
        int count = end - start;
        Span<double> scratch = stackalloc double[_maxPorts];
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            var cells = new LagCells(rings, slice.Step0 + lag, ReceiverOffset + start, count);
            int at = rings.SlotBase(slice.Step0 + lag) + ReceiverOffset + start;
            ReadOnlySpan<double> current = cells.Current;
            for (int k = 0; k < count; k++)
            {
                var neuron = _neurons[start + k];
                // Ports without a connection (beyond the channels there are) get no input.
                var input = scratch[..neuron.Ports];
                int connected = Math.Min(neuron.Ports, rings.PortCount);
                for (int port = 1; port <= connected; port++)
                {
                    input[port - 1] = rings.Port(port)[at + k];
                }

                input[connected..].Clear();
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
