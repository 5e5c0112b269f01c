using System.Reflection;
using System.Text;
using NeuroKernel.Plotting;

namespace NeuroKernel.Tests.Packaging;

/// <summary>
/// Approved public API (ImageSharp's and Npgsql's way of tracking it): every public type and member of each
/// package, listed by reflection in a stable text form, must equal the committed <c>*.approved.txt</c> file next to
/// this test. A deliberate change is approved by copying the <c>*.received.txt</c> file that a failure writes over
/// the approved one, so that the change shows in review.
/// </summary>
[TestFixture]
public class PublicApiTests
{
    private static readonly TestCaseData[] Packages =
    [
        new TestCaseData(typeof(Simulator).Assembly, "PublicAPI.approved.txt").SetArgDisplayNames("NeuroKernel"),
        new TestCaseData(typeof(RasterPlot).Assembly, "PublicAPI.Plotting.approved.txt").SetArgDisplayNames("NeuroKernel.Plotting"),
    ];

    [TestCaseSource(nameof(Packages))]
    public void Public_api_matches_the_approved_file(Assembly assembly, string approvedName)
    {
        string approvedPath = Path.Combine(RepositoryRoot.Find(), "tests", "NeuroKernel.Tests", "Packaging", approvedName);
        string received = PublicApiText.Of(assembly);
        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (received == approved)
        {
            return;
        }

        string receivedPath = Path.Combine(TestContext.CurrentContext.TestDirectory, approvedName.Replace(".approved.", ".received.", StringComparison.Ordinal));
        File.WriteAllText(receivedPath, received);
        Assert.Fail(
            $"The public API of {assembly.GetName().Name} differs from {approvedPath}.\n" +
            $"If the change is intended, approve it:\n  cp '{receivedPath}' '{approvedPath}'\n" +
            $"Differences (- approved, + received):\n{LineDiff.Format(approved, received, maxLines: 60)}");
    }

    [Test]
    public void The_text_form_is_stable_and_complete()
    {
        string text = PublicApiText.Of(typeof(Simulator).Assembly);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(PublicApiText.Of(typeof(Simulator).Assembly), Is.EqualTo(text));
            Assert.That(text, Does.Contain("public sealed class NeuroKernel.Simulator : System.IDisposable\n"));
            Assert.That(text, Does.Contain("  public NeuroKernel.NodeCollection Create(string model, int n = 1, NeuroKernel.StatusDictionary? parameters = null)\n"));
            Assert.That(text, Does.Not.Contain("SpikeRecorderBlock"), "internal types stay out");
        }
    }
}
