using Xunit.Sdk;
using Xunit.v3;

namespace Weft.Console.Tests;

/// <summary>
/// Runs <see cref="DemoLabTests.GraphTest"/> first in its class: it is the only one that sees the
/// shared demo before its sidecars; the others follow in name order.
/// </summary>
public sealed class GraphBeforeMeshFirst : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase =>
        [.. testCases.OrderBy(t => t.TestMethodName == DemoLabTests.GraphTest ? 0 : 1).ThenBy(t => t.TestMethodName, StringComparer.Ordinal)];
}
