# SPDX-License-Identifier: MIT
# The regression-mixture benchmark (benchmarks/ModelCompiler.Benchmarks/RegressionMixtureBenchmarks.cs) in R's
# mixtools regmixEM: the same bit-identical data, the same start (lines (0, 2.5) and (0, 0.5), sigma 3, weights 1/2),
# epsilon = -Inf so exactly `iterations` iterations run. Prints the best of three times and the log-likelihood,
# which must equal ModelCompiler's `-- mixreg` output to about 1e-10 relative.
# Dependencies: apt-get install -y --no-install-recommends r-cran-mixtools
# Run: Rscript benchmarks/peers/regression_mixture_mixtools.R [points] [iterations]
# regmixEM slows sharply with n (100,000 points did not finish in 500 s here), so compare at 2,000 points.
suppressMessages(library(mixtools))
args <- commandArgs(trailingOnly = TRUE)
n <- if (length(args) > 0) as.integer(args[1]) else 2000L
iterations <- if (length(args) > 1) as.integer(args[2]) else 50L

frac <- function(v) v - floor(v)
i <- 0:(n - 1)
x <- -10 + 20 * frac(i * 0.6180339887498949)
u <- frac(i * 0.5698402909980532) - 0.5
y <- ifelse(frac(i * 0.7548776662466927) < 0.4, 1 + 2 * x + 4 * u, -1 + 1.2 * x + 3 * u)

fit <- function() regmixEM(y, x, lambda = c(0.5, 0.5), beta = cbind(c(0, 2.5), c(0, 0.5)), sigma = c(3, 3), k = 2,
                           epsilon = -Inf, maxit = iterations, verb = FALSE)
invisible(capture.output(fit()))
best <- Inf
for (r in 1:3) {
  t0 <- proc.time()[["elapsed"]]
  invisible(capture.output(result <- fit()))
  best <- min(best, proc.time()[["elapsed"]] - t0)
}
cat(sprintf("mixtools gaussian %.1f ms loglik %.17g points %d iterations %d\n", 1000 * best, result$loglik, n, iterations))
