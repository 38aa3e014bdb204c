#!/bin/sh
# Builds and runs ode_cvode.c against Debian's SUNDIALS (installing libsundials-dev when missing). Arguments go to the
# program: problem names and --rtol 1e-6,1e-10.
set -e
cd "$(dirname "$0")"
if [ ! -f /usr/include/cvode/cvode.h ]; then apt-get update -qq && apt-get install -y -qq libsundials-dev; fi
cc -O2 -o /tmp/ode_cvode ode_cvode.c -lsundials_cvode -lsundials_nvecserial -lsundials_sunmatrixdense \
   -lsundials_sunmatrixband -lsundials_sunlinsoldense -lsundials_sunlinsolband -lsundials_sunnonlinsolfixedpoint -lm
/tmp/ode_cvode ../../tests/ModelCompiler.Tests/Data/ode "$@"
