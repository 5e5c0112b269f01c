#pragma warning disable CA1861 // Expected values are clearer inline, and each test runs once.

namespace NeuroKernel.Tests.Kernel;

[TestFixture]
public class NodeCollectionTests
{
    private Simulator _sim = null!;

    [SetUp]
    public void SetUp() => _sim = new Simulator();

    [TearDown]
    public void TearDown() => _sim.Dispose();

    [Test]
    public void Create_gives_one_based_contiguous_ids()
    {
        var a = _sim.Create("iaf_psc_alpha", 100);
        var b = _sim.Create("poisson_generator", 3);
        var c = _sim.Create("spike_recorder");

        Assert.That(a.ToArray(), Is.EqualTo(Enumerable.Range(1, 100)));
        Assert.That(b.ToArray(), Is.EqualTo(new[] { 101, 102, 103 }));
        Assert.That(c.ToArray(), Is.EqualTo(new[] { 104 }));
        Assert.That(a.IsContiguous, Is.True);
        Assert.That(a.First, Is.EqualTo(1));
        Assert.That(b.First, Is.EqualTo(101));
    }

    [Test]
    public void Count_and_indexer_follow_the_ids()
    {
        _sim.Create("spike_recorder", 7);
        var nodes = _sim.Create("iaf_psc_alpha", 100);

        Assert.That(nodes, Has.Count.EqualTo(100));
        Assert.That(nodes[0], Is.EqualTo(8));
        Assert.That(nodes[42], Is.EqualTo(50));
        Assert.That(nodes[99], Is.EqualTo(107));
        Assert.That(nodes[^1], Is.EqualTo(107));
    }

    [TestCase(-1)]
    [TestCase(100)]
    [TestCase(int.MaxValue)]
    [TestCase(int.MinValue)]
    public void Indexer_out_of_range_throws_ArgumentOutOfRange(int index)
    {
        var nodes = _sim.Create("iaf_psc_alpha", 100);

        Assert.That(() => nodes[index], Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Indexer_on_empty_collection_throws_ArgumentOutOfRange() =>
        Assert.That(() => NodeCollection.Empty[0], Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void Range_up_to_50_takes_the_first_50()
    {
        var nodes = _sim.Create("iaf_psc_alpha", 100);

        var head = nodes[..50];

        Assert.That(head, Has.Count.EqualTo(50));
        Assert.That(head.ToArray(), Is.EqualTo(Enumerable.Range(1, 50)));
    }

    [Test]
    public void Range_10_to_20_takes_ids_11_to_20()
    {
        var nodes = _sim.Create("iaf_psc_alpha", 100);

        var mid = nodes[10..20];

        Assert.That(mid.ToArray(), Is.EqualTo(Enumerable.Range(11, 10)));
    }

    [Test]
    public void Range_from_end_takes_the_last_ids()
    {
        var nodes = _sim.Create("iaf_psc_alpha", 100);

        Assert.That(nodes[^5..].ToArray(), Is.EqualTo(new[] { 96, 97, 98, 99, 100 }));
        Assert.That(nodes[..].ToArray(), Is.EqualTo(nodes.ToArray()));
        Assert.That(nodes[30..30], Has.Count.EqualTo(0));
    }

    [Test]
    public void Range_beyond_the_end_throws_ArgumentOutOfRange()
    {
        var nodes = _sim.Create("iaf_psc_alpha", 10);

        Assert.That(() => nodes[..11], Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => nodes[5..3], Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [TestCase(0, 10, 1, 10)]
    [TestCase(5, 3, 6, 3)]
    [TestCase(99, 1, 100, 1)]
    [TestCase(100, 0, 0, 0)]
    public void Slice_takes_length_ids_from_start(int start, int length, int firstId, int count)
    {
        var nodes = _sim.Create("iaf_psc_alpha", 100);

        var slice = nodes.Slice(start, length);

        Assert.That(slice.ToArray(), Is.EqualTo(Enumerable.Range(firstId, count)));
    }

    [TestCase(-1, 1)]
    [TestCase(0, 101)]
    [TestCase(100, 1)]
    [TestCase(50, -1)]
    [TestCase(1, int.MaxValue)]
    public void Slice_outside_the_collection_throws_ArgumentOutOfRange(int start, int length)
    {
        var nodes = _sim.Create("iaf_psc_alpha", 100);

        Assert.That(() => nodes.Slice(start, length), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Slice_of_a_concatenation_crosses_the_seam()
    {
        var a = _sim.Create("iaf_psc_alpha", 5);   // 1..5
        _sim.Create("iaf_psc_alpha", 5);           // 6..10
        var c = _sim.Create("iaf_psc_alpha", 5);   // 11..15
        var ac = a + c;

        Assert.That(ac.Slice(3, 4).ToArray(), Is.EqualTo(new[] { 4, 5, 11, 12 }));
        Assert.That(ac[3..7].ToArray(), Is.EqualTo(new[] { 4, 5, 11, 12 }));
        Assert.That(ac[6], Is.EqualTo(12));
    }

    [Test]
    public void Plus_concatenates_left_then_right()
    {
        var a = _sim.Create("iaf_psc_alpha", 3);   // 1..3
        var b = _sim.Create("iaf_psc_alpha", 2);   // 4..5
        var c = _sim.Create("spike_recorder", 2);  // 6..7

        var ab = a + b;
        var ca = c + a;

        Assert.That(ab.ToArray(), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        Assert.That(ab.IsContiguous, Is.True, "adjacent ranges merge");
        Assert.That(ca.ToArray(), Is.EqualTo(new[] { 6, 7, 1, 2, 3 }));
        Assert.That(ca, Has.Count.EqualTo(5));
        Assert.That(ca.IsContiguous, Is.False);
        Assert.That((a + NodeCollection.Empty).ToArray(), Is.EqualTo(a.ToArray()));
        Assert.That(NodeCollection.Concat(b, c).ToArray(), Is.EqualTo(new[] { 4, 5, 6, 7 }));
    }

    [Test]
    public void Plus_with_null_throws_ArgumentNull()
    {
        var a = _sim.Create("iaf_psc_alpha", 3);

        Assert.That(() => a + null!, Throws.TypeOf<ArgumentNullException>());
        Assert.That(() => null! + a, Throws.TypeOf<ArgumentNullException>());
    }

    [Test]
    public void Enumeration_yields_the_ids_in_order()
    {
        var a = _sim.Create("iaf_psc_alpha", 3);
        var b = _sim.Create("iaf_psc_alpha", 4);
        var ba = b + a;

        var seen = new List<int>();
        foreach (int id in ba)
        {
            seen.Add(id);
        }

        Assert.That(seen, Is.EqualTo(new[] { 4, 5, 6, 7, 1, 2, 3 }));
        Assert.That(ba.ToArray(), Is.EqualTo(seen));
        var span = new int[ba.Count];
        ba.CopyTo(span);
        Assert.That(span, Is.EqualTo(seen));
        Assert.That(NodeCollection.Empty, Is.Empty);
    }

    [Test]
    public void Contains_is_true_only_for_members()
    {
        var a = _sim.Create("iaf_psc_alpha", 10);
        var b = _sim.Create("iaf_psc_alpha", 10);
        var c = _sim.Create("iaf_psc_alpha", 10);
        var ac = a + c;

        Assert.That(ac.Contains(1), Is.True);
        Assert.That(ac.Contains(10), Is.True);
        Assert.That(ac.Contains(21), Is.True);
        Assert.That(ac.Contains(30), Is.True);
        Assert.That(ac.Contains(11), Is.False);
        Assert.That(ac.Contains(20), Is.False);
        Assert.That(ac.Contains(0), Is.False);
        Assert.That(ac.Contains(31), Is.False);
        Assert.That(b[2..4].Contains(13), Is.True);
        Assert.That(b[2..4].Contains(12), Is.False);
        Assert.That(b[2..4].Contains(15), Is.False);
    }

    [Test]
    public void FromIds_keeps_the_given_order_and_duplicates()
    {
        var nodes = NodeCollection.FromIds([5, 6, 7, 2, 2, 9]);

        Assert.That(nodes.ToArray(), Is.EqualTo(new[] { 5, 6, 7, 2, 2, 9 }));
        Assert.That(nodes, Has.Count.EqualTo(6));
        Assert.That(nodes[3], Is.EqualTo(2));
        Assert.That(nodes.Contains(9), Is.True);
        Assert.That(nodes.Contains(8), Is.False);
        Assert.That(NodeCollection.FromIds([3, 4, 5]).IsContiguous, Is.True);
        Assert.That(NodeCollection.FromIds([]), Has.Count.EqualTo(0));
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void FromIds_with_an_id_below_one_throws_ArgumentOutOfRange(int bad) =>
        Assert.That(() => NodeCollection.FromIds([1, bad]), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void Equal_collections_hold_the_same_ids_in_the_same_order()
    {
        var nodes = _sim.Create("iaf_psc_alpha", 10);

        var fromIds = NodeCollection.FromIds([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var joined = nodes[..4] + nodes[4..];
        var reversed = nodes[5..] + nodes[..5];

        Assert.That(fromIds, Is.EqualTo(nodes));
        Assert.That(fromIds.Equals(nodes), Is.True);
        Assert.That(joined.Equals(nodes), Is.True);
        Assert.That(joined.GetHashCode(), Is.EqualTo(nodes.GetHashCode()));
        Assert.That(fromIds.GetHashCode(), Is.EqualTo(nodes.GetHashCode()));
        Assert.That(reversed.Equals(nodes), Is.False, "same ids, other order");
        Assert.That(nodes[..9].Equals(nodes), Is.False);
        Assert.That(nodes.Equals((object)"nodes"), Is.False);
        Assert.That(nodes.Equals(null), Is.False);
    }
}
