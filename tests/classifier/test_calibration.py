import numpy as np
from scipy.special import softmax

from classifier.calibration import apply_temperature, fit_temperature
from classifier.evaluate import calibration_curve


def _under_confident(n: int = 4_000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Labels drawn from sharp probabilities, reported through a softened (T = 2.5) version of them."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(0, 3, size=(n, 4))
    truth = np.array([rng.choice(4, p=p) for p in softmax(logits, axis=1)])
    return softmax(logits / 2.5, axis=1), truth


def test_fit_recovers_the_softening_and_lowers_calibration_error() -> None:
    reported, truth = _under_confident()
    temperature = fit_temperature(reported, truth)
    assert 0.3 < temperature < 0.5  # the true answer is 1 / 2.5
    calibrated = apply_temperature(reported, temperature)
    correct = reported.argmax(axis=1) == truth
    before = calibration_curve(reported.max(axis=1), correct)["ece"]
    after = calibration_curve(calibrated.max(axis=1), correct)["ece"]
    assert after < before / 3


def test_temperature_keeps_the_ranking_and_sums_to_one() -> None:
    reported, _ = _under_confident(200)
    calibrated = apply_temperature(reported, 0.4)
    assert (calibrated.argmax(axis=1) == reported.argmax(axis=1)).all()
    assert np.allclose(calibrated.sum(axis=1), 1.0)


def test_calibrated_probabilities_are_left_alone() -> None:
    reported, truth = _under_confident()
    sharp = apply_temperature(reported, 1 / 2.5)
    assert abs(fit_temperature(sharp, truth) - 1.0) < 0.1
