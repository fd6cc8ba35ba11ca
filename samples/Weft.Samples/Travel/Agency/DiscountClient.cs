using Weft.Samples.Hosting;
using Weft.Samples.Http;

namespace Weft.Samples.Travel.Agency;

/// <summary>
/// How flights, hotels, cars and insurances ask discounts for the <c>user</c> header's
/// discount: with the inbound headers and <c>discountFrom: &lt;service&gt;</c>. When discounts
/// fails the price stays whole, as in the demo: a quote never fails for want of a discount.
/// </summary>
public sealed partial class DiscountClient(string discountsUrl, Downstream downstream, Instance instance, ILogger<DiscountClient> log)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public string DiscountsUrl => discountsUrl;

    /// <summary>The price factor for the user: 1 - discount (0.9 for registered, 0.75 for new).</summary>
    public async Task<float> FactorAsync(string user, Forwarded inbound, string discountFrom, CancellationToken ct)
    {
        var r = await downstream.GetAsync($"{discountsUrl}/discounts/{Uri.EscapeDataString(user)}",
            inbound.With("discountFrom", discountFrom), Timeout, ct);
        if (r.Ok && r.Json(SampleJson.Default.Discount) is { } d)
            return 1f - d.Value;
        LogNoDiscount(log, instance.ToString(), user, r.Describe());
        return 1f;
    }

    [LoggerMessage(7201, LogLevel.Warning, "[{Instance}] No discount for user {User}: discounts is not available ({Reason})")]
    private static partial void LogNoDiscount(ILogger log, string instance, string user, string reason);
}
