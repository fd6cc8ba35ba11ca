using System.Text.Json.Serialization;

namespace Weft.Samples.Failure;

/// <summary>
/// What the failure switch does: answer <see cref="Status"/> to <see cref="Percent"/> % of the
/// service's requests. Percent 0 is off. Body of <c>POST /admin/fail</c> and of its answers.
/// </summary>
public sealed record FailureMode(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("percent")] int Percent)
{
    /// <summary>503 by default: what an overloaded or draining instance answers, and what Istio's outlier detection counts.</summary>
    public const int DefaultStatus = 503;

    public static FailureMode Off { get; } = new(DefaultStatus, 0);

    [JsonIgnore]
    public bool IsOn => Percent > 0;

    /// <summary>Every problem with the values, so one request fixes them all.</summary>
    public IEnumerable<string> Validate()
    {
        if (Status is < 500 or > 599)
            yield return $"status: {Status} is not a 5xx status (500 to 599)";
        if (Percent is < 0 or > 100)
            yield return $"percent: {Percent} is outside 0..100";
    }
}
