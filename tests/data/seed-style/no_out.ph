-- No output statement: the seed plays ~master.
-- expect: warning no out statement: playing ~master
-- expect: level 330 0.19 0.21
~voice $ sine 330 * 0.2
~master $ ~voice
