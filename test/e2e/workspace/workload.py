"""CPU work for the e2e capture scenario: two functions busy for about three seconds."""

import time


def spin(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def crunch(rounds):
    acc = 0
    for _ in range(rounds):
        acc ^= spin(20000)
        acc += sum(j * j for j in range(5000))
    return acc


def main():
    end = time.time() + 3
    while time.time() < end:
        crunch(5)


if __name__ == "__main__":
    main()
