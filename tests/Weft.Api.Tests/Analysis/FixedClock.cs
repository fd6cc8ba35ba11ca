namespace Weft.Api.Tests.Analysis;

/// <summary>A clock that always says the same time, so certificate validity does not depend on the day the tests run.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
