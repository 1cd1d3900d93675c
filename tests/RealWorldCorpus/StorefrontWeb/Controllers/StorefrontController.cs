using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Mvc;
using Microsoft.ML;
using Microsoft.ML.Data;
using StorefrontWeb.Services;

namespace StorefrontWeb.Controllers;

[ApiController]
[Route("api")]
public sealed class StorefrontController : ControllerBase
{
    private static readonly string[] Banners = ["winter-sale", "free-shipping", "new-arrivals", "gift-cards"];

    private readonly MLContext _ml;
    private readonly ModelPool _pool;
    private readonly IntentScorer _scorer;

    public StorefrontController(MLContext ml, ModelPool pool, IntentScorer scorer)
    {
        _ml = ml;
        _pool = pool;
        _scorer = scorer;
    }

    [HttpGet("banner")]
    public IActionResult Banner()
    {
        var random = new Random();
        var banner = Banners[random.Next(Banners.Length)];
        var recommended = Banners.OrderBy(_ => Guid.NewGuid()).Take(2).ToArray();
        return Ok(new { banner, recommended });
    }

    [HttpPost("intent")]
    public ActionResult<IntentPrediction> Intent(SessionFeatures session) => _scorer.Score(session);

    [HttpPost("intent/batch")]
    public ActionResult<IEnumerable<object>> IntentBatch(List<SessionFeatures> sessions)
    {
        // Rows from the request, shuffled so the export does not leak the order sessions arrived in.
        var rows = sessions.OrderBy(_ => Random.Shared.Next()).ToList();
        var view = _ml.Data.LoadFromEnumerable(rows);
        var scored = _pool.Model.Transform(view);
        var probabilities = scored.GetColumn<float>("Probability").ToArray();
        return Ok(rows.Select((row, i) => new { row.CartValue, Probability = probabilities[i] }));
    }

    [HttpPost("model/reload")]
    public IActionResult Reload()
    {
        _pool.Reload();
        return NoContent();
    }
}
