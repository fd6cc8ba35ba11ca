namespace Weft.Proxy.Upstream;

/// <summary>Counters of one cluster, named as Envoy's so /stats reads familiar.</summary>
public sealed class ClusterStats
{
    public long UpstreamRqTotal;
    public long UpstreamRq2xx;
    public long UpstreamRq3xx;
    public long UpstreamRq4xx;
    public long UpstreamRq5xx;
    public long UpstreamCxConnectFail;
    public long UpstreamRqPendingOverflow;
    public long UpstreamRqTimeout;
    public long UpstreamRqPerTryTimeout;
    public long UpstreamRqRetry;
    public long UpstreamRqRetrySuccess;
    public long UpstreamRqRetryOverflow;
    public long UpstreamRqRetryLimitExceeded;
    public long OutlierDetectionEjectionsTotal;
    public long UpstreamCxTxBytesTotal;
    public long UpstreamCxRxBytesTotal;
    public long UpstreamCxTotal;

    public void RecordStatus(int status)
    {
        switch (status / 100)
        {
            case 2: Interlocked.Increment(ref UpstreamRq2xx); break;
            case 3: Interlocked.Increment(ref UpstreamRq3xx); break;
            case 4: Interlocked.Increment(ref UpstreamRq4xx); break;
            case 5: Interlocked.Increment(ref UpstreamRq5xx); break;
        }
    }

    public IEnumerable<(string Name, long Value)> All()
    {
        yield return ("upstream_rq_total", Interlocked.Read(ref UpstreamRqTotal));
        yield return ("upstream_rq_2xx", Interlocked.Read(ref UpstreamRq2xx));
        yield return ("upstream_rq_3xx", Interlocked.Read(ref UpstreamRq3xx));
        yield return ("upstream_rq_4xx", Interlocked.Read(ref UpstreamRq4xx));
        yield return ("upstream_rq_5xx", Interlocked.Read(ref UpstreamRq5xx));
        yield return ("upstream_cx_connect_fail", Interlocked.Read(ref UpstreamCxConnectFail));
        yield return ("upstream_rq_pending_overflow", Interlocked.Read(ref UpstreamRqPendingOverflow));
        yield return ("upstream_rq_timeout", Interlocked.Read(ref UpstreamRqTimeout));
        yield return ("upstream_rq_per_try_timeout", Interlocked.Read(ref UpstreamRqPerTryTimeout));
        yield return ("upstream_rq_retry", Interlocked.Read(ref UpstreamRqRetry));
        yield return ("upstream_rq_retry_success", Interlocked.Read(ref UpstreamRqRetrySuccess));
        yield return ("upstream_rq_retry_overflow", Interlocked.Read(ref UpstreamRqRetryOverflow));
        yield return ("upstream_rq_retry_limit_exceeded", Interlocked.Read(ref UpstreamRqRetryLimitExceeded));
        yield return ("outlier_detection.ejections_total", Interlocked.Read(ref OutlierDetectionEjectionsTotal));
        yield return ("upstream_cx_total", Interlocked.Read(ref UpstreamCxTotal));
        yield return ("upstream_cx_tx_bytes_total", Interlocked.Read(ref UpstreamCxTxBytesTotal));
        yield return ("upstream_cx_rx_bytes_total", Interlocked.Read(ref UpstreamCxRxBytesTotal));
    }
}
