sleep 30
sleep 1.5m 2h 0.5d
sleep
sleep -1
sleep 99999999999999999999d
sleep 1e3
sleep .s
